import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime } from '../../../lib/format';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useAudit } from '../api/list-audit';

/** Who did what, when, and whether it was allowed. */
export function AuditPage() {
  const list = useListParams(['actor', 'action', 'outcome'], { order: 'desc' });
  const events = useAudit(toQuery(list));
  return (
    <>
      <PageHeader
        title="Audit"
        description="Every change and sign-in, with who made it and what changed."
        actions={
          <Link className="button" to="/accounts">
            Console accounts
          </Link>
        }
      />
      <ListToolbar
        search={list.search}
        onSearch={(search) => list.update({ search })}
        searchLabel="Search audit"
        filters={[{ name: 'outcome', label: 'Outcome', value: list.filters.outcome ?? '', options: [{ value: 'success', label: 'Success' }, { value: 'failure', label: 'Failure' }] }]}
        onFilter={(name, value) => list.update({ [name]: value })}
      >
        <ExactFilter label="Actor" value={list.filters.actor ?? ''} onChange={(actor) => list.update({ actor })} />
        <ExactFilter label="Action" value={list.filters.action ?? ''} onChange={(action) => list.update({ action })} placeholder="profile.assign" />
      </ListToolbar>
      {events.status === 'pending' ? <Spinner label="Loading the audit log…" /> : null}
      {events.status === 'error' ? <ErrorMessage error={events.error} /> : null}
      {events.data ? (
        <>
          <DataTable
            caption="Audit events"
            rows={events.data.items}
            rowKey={(e) => e.id}
            sort="at"
            order={list.order}
            onSort={() => list.update({ order: list.order === 'desc' ? 'asc' : 'desc' })}
            empty="No events match."
            columns={[
              { key: 'at', header: 'When', sortKey: 'at', render: (e) => dateTime(e.at) },
              { key: 'actor', header: 'Actor', render: (e) => <button type="button" className="button button--subtle" onClick={() => list.update({ actor: e.actor })}>{e.actor}</button> },
              { key: 'action', header: 'Action', render: (e) => <code>{e.action}</code> },
              { key: 'target', header: 'Target', render: (e) => e.target ?? '—' },
              { key: 'outcome', header: 'Outcome', render: (e) => <StatusBadge tone={e.outcome === 'success' ? 'success' : 'danger'}>{e.outcome === 'success' ? 'Success' : 'Failure'}</StatusBadge> },
              { key: 'details', header: 'Details', render: (e) => (e.details ? <code className="mono">{JSON.stringify(e.details)}</code> : '—') },
            ]}
          />
          <Pager page={list.page} pageSize={list.pageSize} total={events.data.total} onPage={(page) => list.update({ page }, false)} onPageSize={(pageSize) => list.update({ pageSize })} />
        </>
      ) : null}
    </>
  );
}

function ExactFilter({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  return (
    <label className="toolbar__filter">
      <span>{label}</span>
      <input className="input" value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} onBlur={() => onChange(text.trim())} onKeyDown={(e) => e.key === 'Enter' && onChange(text.trim())} />
    </label>
  );
}
