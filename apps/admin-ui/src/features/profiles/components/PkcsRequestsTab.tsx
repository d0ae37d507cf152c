import { PKCS_REQUEST_STATES, type PkcsRequest, type PkcsRequestState } from '@certlab/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListToolbar } from '../../../components/ListToolbar';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime, thumbprint } from '../../../lib/format';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useProfilePkcsRequests } from '../api/list-pkcs-requests';

const STATE_OPTIONS = (Object.keys(PKCS_REQUEST_STATES) as PkcsRequestState[]).map((s) => ({ value: s, label: PKCS_REQUEST_STATES[s].label }));

function State({ r }: { r: PkcsRequest }) {
  if (r.state === 'leased' && r.leaseExpired) return <StatusBadge tone="warning" title="the connector stopped answering">Lease expired — will be re-leased</StatusBadge>;
  if (r.state === 'leased') return <StatusBadge tone="info">Leased by {r.leaseOwnerConnectorName ?? 'a connector'}</StatusBadge>;
  if (r.state === 'failed') return <StatusBadge tone="danger" title={r.failureReason ?? undefined}>Failed at step {r.failedStep ?? r.step}</StatusBadge>;
  return <StatusBadge tone={PKCS_REQUEST_STATES[r.state].tone}>{PKCS_REQUEST_STATES[r.state].label}</StatusBadge>;
}

/** A PKCS profile's requests, one per device and version, refreshing every few seconds while any is in the queue or at a connector. */
export function PkcsRequestsTab({ profileId }: { profileId: string }) {
  const list = useListParams(['state'], { sort: 'deviceName' }, 'r.');
  const [live, setLive] = useState(true);
  const rows = useProfilePkcsRequests(toQuery(list, { profileId }), live);
  const nowLive = rows.data ? rows.data.items.some((r) => r.state === 'queued' || r.state === 'leased') : true;
  if (nowLive !== live) setLive(nowLive);
  return (
    <section aria-label="PKCS requests">
      <ListToolbar
        search={list.search}
        onSearch={(search) => list.update({ search })}
        searchLabel="Search devices"
        filters={[{ name: 'state', label: 'State', value: list.filters.state ?? '', options: STATE_OPTIONS }]}
        onFilter={(name, value) => list.update({ [name]: value })}
      >
        <Link to={`/pkcs-requests?profileId=${profileId}`}>All PKCS requests of this profile</Link>
      </ListToolbar>
      {rows.status === 'pending' ? <Spinner label="Loading requests…" /> : null}
      {rows.status === 'error' ? <ErrorMessage error={rows.error} /> : null}
      {rows.data ? (
        <>
          <DataTable
            caption="PKCS requests"
            rows={rows.data.items}
            rowKey={(r) => r.id}
            sort={list.sort}
            order={list.order}
            onSort={list.sortBy}
            empty="No requests yet: one is queued per device once the profile is assigned."
            columns={[
              { key: 'device', header: 'Device', sortKey: 'deviceName', render: (r) => <Link to={`/pkcs-requests/${r.id}`}>{r.deviceName}</Link> },
              { key: 'version', header: 'Version', render: (r) => r.profileVersion },
              { key: 'state', header: 'State', sortKey: 'state', render: (r) => <State r={r} /> },
              { key: 'step', header: 'Step', render: (r) => `${r.step} of 10` },
              { key: 'thumbprint', header: 'Certificate thumbprint', render: (r) => (r.certificate ? <code title={`serial ${r.certificate.serialNumber}`}>{thumbprint(r.certificate.thumbprintSha1)}</code> : '—') },
              { key: 'expires', header: 'Expires', render: (r) => (r.certificate ? dateTime(r.certificate.notAfter) : '—') },
              { key: 'updated', header: 'Updated', sortKey: 'updatedAt', render: (r) => dateTime(r.updatedAt) },
            ]}
          />
          <Pager page={list.page} pageSize={list.pageSize} total={rows.data.total} onPage={(page) => list.update({ page }, false)} onPageSize={(pageSize) => list.update({ pageSize })} />
        </>
      ) : null}
    </section>
  );
}
