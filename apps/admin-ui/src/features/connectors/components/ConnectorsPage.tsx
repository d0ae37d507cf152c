import { CONNECTOR_HEALTH, CONNECTOR_TOKEN_STATUSES, type ConnectorHealth, type CreatedConnectorToken } from '@certlab/contracts';
import { useState } from 'react';
import { CopyButton } from '../../../components/CopyButton';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime, relativeTime, thumbprint } from '../../../lib/format';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useConnectors, useConnectorTokens, useCreateConnectorToken } from '../api/connectors';
import { WriteButton } from '../../../components/WriteButton';

/** Certificate Connectors: registered with a one-time token, alive while their heartbeat is. */
export function ConnectorsPage() {
  const list = useListParams(['health'], { sort: 'name' });
  const connectors = useConnectors(toQuery(list));
  const tokens = useConnectorTokens('pageSize=10&sort=createdAt&order=desc');
  const [created, setCreated] = useState<CreatedConnectorToken | undefined>();
  return (
    <>
      <PageHeader title="Connectors" description="The Certificate Connectors that serve NDES, PKCS and PFX requests. They dial out to the cloud and report a heartbeat." />
      <div className="stack">
        <section aria-label="Connector list">
          <ListToolbar
            search={list.search}
            onSearch={(search) => list.update({ search })}
            searchLabel="Search connectors"
            filters={[{ name: 'health', label: 'Health', value: list.filters.health ?? '', options: (Object.keys(CONNECTOR_HEALTH) as ConnectorHealth[]).map((h) => ({ value: h, label: CONNECTOR_HEALTH[h].label })) }]}
            onFilter={(name, value) => list.update({ [name]: value })}
          />
          {connectors.status === 'pending' ? <Spinner label="Loading connectors…" /> : null}
          {connectors.status === 'error' ? <ErrorMessage error={connectors.error} /> : null}
          {connectors.data ? (
            <>
              <DataTable
                caption="Connectors"
                rows={connectors.data.items}
                rowKey={(c) => c.id}
                sort={list.sort}
                order={list.order}
                onSort={list.sortBy}
                empty="No connector has registered yet. Create a registration token below and start the connector with it."
                columns={[
                  { key: 'name', header: 'Name', sortKey: 'name', render: (c) => c.name },
                  { key: 'health', header: 'Health', render: (c) => <StatusBadge tone={CONNECTOR_HEALTH[c.health].tone}>{CONNECTOR_HEALTH[c.health].label}</StatusBadge> },
                  { key: 'version', header: 'Version', render: (c) => c.version ?? '—' },
                  { key: 'heartbeat', header: 'Last heartbeat', sortKey: 'lastHeartbeatAt', render: (c) => <span title={c.lastHeartbeatAt ?? undefined}>{relativeTime(c.lastHeartbeatAt)}</span> },
                  { key: 'registered', header: 'Registered', sortKey: 'registeredAt', render: (c) => dateTime(c.registeredAt) },
                  { key: 'cert', header: 'Certificate', render: (c) => <span className="mono" title={c.certificateThumbprint}>{thumbprint(c.certificateThumbprint)} · expires {relativeTime(c.certificateNotAfter)}</span> },
                ]}
              />
              <Pager page={list.page} pageSize={list.pageSize} total={connectors.data.total} onPage={(page) => list.update({ page }, false)} />
            </>
          ) : null}
        </section>
        <CreateToken onCreated={(t) => { setCreated(t); tokens.refetch(); }} />
        {created ? (
          <section className="panel stack" aria-label="New registration token">
            <h2 className="panel__title">Registration token for {created.name}</h2>
            <p>Shown only this once; it registers one connector and expires {relativeTime(created.expiresAt)}.</p>
            <div className="secret">
              <code data-testid="connector-token">{created.token}</code>
              <CopyButton value={created.token} />
            </div>
          </section>
        ) : null}
        {tokens.data && tokens.data.items.length ? (
          <DataTable
            caption="Registration tokens"
            rows={tokens.data.items}
            rowKey={(t) => t.id}
            columns={[
              { key: 'name', header: 'Registration token for', render: (t) => t.name },
              { key: 'status', header: 'Status', render: (t) => <StatusBadge tone={CONNECTOR_TOKEN_STATUSES[t.status].tone}>{CONNECTOR_TOKEN_STATUSES[t.status].label}</StatusBadge> },
              { key: 'created', header: 'Created', render: (t) => `${dateTime(t.createdAt)} by ${t.createdBy}` },
              { key: 'expires', header: 'Expires', render: (t) => relativeTime(t.expiresAt) },
            ]}
          />
        ) : null}
      </div>
    </>
  );
}

function CreateToken({ onCreated }: { onCreated: (t: CreatedConnectorToken) => void }) {
  const [name, setName] = useState('');
  const create = useCreateConnectorToken();
  async function submit() {
    const res = await create.mutate({ name });
    if (res.ok) {
      setName('');
      onCreated(res.data);
    }
  }
  return (
    <section className="panel" aria-label="Create a registration token">
      <h2 className="panel__title">Register a connector</h2>
      <div className="toolbar">
        <label className="toolbar__filter">
          <span>Connector name</span>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="NDES-01" />
        </label>
        <WriteButton className="button button--primary" disabled={!name.trim() || create.isPending} onClick={() => void submit()}>
          Create registration token
        </WriteButton>
      </div>
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </section>
  );
}
