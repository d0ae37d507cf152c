import { PKCS_REQUEST_STATES, type PkcsRequestState } from '@certlab/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { relativeTime } from '../../../lib/format';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { usePkcsProfiles } from '../api/list-pkcs-profiles';
import { usePkcsRequests } from '../api/list-pkcs-requests';
import { PkcsRequestBadge } from './PkcsRequestBadge';
import { isActive } from './request-state';
import '../pkcs-requests.css';

/** Every PKCS request: where it stands in the ten steps, which connector holds it, what was delivered. */
export function PkcsRequestsPage() {
  const list = useListParams(['state', 'profileId'], { sort: 'updatedAt', order: 'desc' });
  const [live, setLive] = useState(true);
  const requests = usePkcsRequests(toQuery(list), live);
  const profiles = usePkcsProfiles();
  // Refresh fast only while something is still moving (set during render, as React's docs allow).
  const nowLive = requests.data ? requests.data.items.some(isActive) : true;
  if (nowLive !== live) setLive(nowLive);
  return (
    <>
      <PageHeader
        title="PKCS requests"
        description="One request per device and PKCS profile version: queued in the cloud, leased by a connector, issued by the CA, delivered to the device."
      />
      <ListToolbar
        search={list.search}
        onSearch={(search) => list.update({ search })}
        searchLabel="Search devices or subjects"
        filters={[
          { name: 'state', label: 'State', value: list.filters.state ?? '', options: (Object.keys(PKCS_REQUEST_STATES) as PkcsRequestState[]).map((s) => ({ value: s, label: PKCS_REQUEST_STATES[s].label })) },
          { name: 'profileId', label: 'Profile', value: list.filters.profileId ?? '', options: (profiles.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })) },
        ]}
        onFilter={(name, value) => list.update({ [name]: value })}
      >
        <span className="muted" aria-live="polite">
          {live ? 'Live: refreshing every 3 s while requests are in progress' : requests.updatedAt ? `Updated ${relativeTime(new Date(requests.updatedAt).toISOString())}` : ''}
        </span>
      </ListToolbar>
      {requests.status === 'pending' ? <Spinner label="Loading PKCS requests…" /> : null}
      {requests.status === 'error' ? <ErrorMessage error={requests.error} /> : null}
      {requests.status === 'success' ? (
        <>
          <DataTable
            caption="PKCS requests"
            rows={requests.data.items}
            rowKey={(r) => r.id}
            sort={list.sort}
            order={list.order}
            onSort={list.sortBy}
            empty={<>No PKCS requests match. A request is queued for each device when a PKCS profile is assigned to it.</>}
            columns={[
              { key: 'device', header: 'Device', sortKey: 'deviceName', render: (r) => <Link to={`/pkcs-requests/${r.id}`}>{r.deviceName}</Link> },
              { key: 'profile', header: 'Profile', render: (r) => <Link to={`/profiles/${r.profileId}?tab=requests`}>{r.profileName}</Link> },
              { key: 'version', header: 'Version', render: (r) => r.profileVersion },
              { key: 'state', header: 'State', sortKey: 'state', render: (r) => <PkcsRequestBadge request={r} /> },
              { key: 'step', header: 'Step', render: (r) => `${r.step} of 10` },
              { key: 'subject', header: 'Subject', render: (r) => <span className="mono">{r.subject ?? '—'}</span> },
              { key: 'attempts', header: 'Attempts', render: (r) => r.attempts },
              { key: 'updated', header: 'Updated', sortKey: 'updatedAt', render: (r) => <span title={r.updatedAt}>{relativeTime(r.updatedAt)}</span> },
            ]}
          />
          <Pager page={list.page} pageSize={list.pageSize} total={requests.data.total} onPage={(page) => list.update({ page }, false)} onPageSize={(pageSize) => list.update({ pageSize })} />
        </>
      ) : null}
    </>
  );
}
