import { DEVICE_STATES, type DeviceState, PLATFORMS, type Platform } from '@certlab/contracts';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime, relativeTime } from '../../../lib/format';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useDevices } from '../api/list-devices';

/** Managed devices: who owns them, their platform, state and last check-in. */
export function DevicesPage() {
  const list = useListParams(['platform', 'state', 'ownerId'], { sort: 'name' });
  const devices = useDevices(toQuery(list));
  return (
    <>
      <PageHeader
        title="Devices"
        description="Devices that enrolled with a token and hold a Device Management certificate."
        actions={
          <Link className="button button--primary" to="/enrollment-tokens">
            Enrollment tokens
          </Link>
        }
      />
      <ListToolbar
        search={list.search}
        onSearch={(search) => list.update({ search })}
        searchLabel="Search devices"
        filters={[
          { name: 'platform', label: 'Platform', value: list.filters.platform ?? '', options: (Object.keys(PLATFORMS) as Platform[]).map((p) => ({ value: p, label: PLATFORMS[p].label })) },
          { name: 'state', label: 'State', value: list.filters.state ?? '', options: (Object.keys(DEVICE_STATES) as DeviceState[]).map((s) => ({ value: s, label: DEVICE_STATES[s].label })) },
        ]}
        onFilter={(name, value) => list.update({ [name]: value })}
      >
        {list.filters.ownerId ? (
          <button type="button" className="button" onClick={() => list.update({ ownerId: '' })}>
            Show every user's devices
          </button>
        ) : null}
      </ListToolbar>
      {devices.status === 'pending' ? <Spinner label="Loading devices…" /> : null}
      {devices.status === 'error' ? <ErrorMessage error={devices.error} /> : null}
      {devices.status === 'success' ? (
        <>
          <DataTable
            caption="Devices"
            rows={devices.data.items}
            rowKey={(d) => d.id}
            sort={list.sort}
            order={list.order}
            onSort={list.sortBy}
            empty={
              <>
                No devices match. Devices appear when they enroll: <Link to="/enrollment-tokens">create an enrollment token</Link> and run{' '}
                <code>certlab device enroll</code>.
              </>
            }
            columns={[
              { key: 'name', header: 'Device name', sortKey: 'name', render: (d) => <Link to={`/devices/${d.id}`}>{d.name}</Link> },
              { key: 'user', header: 'Primary user', render: (d) => d.owner?.userPrincipalName ?? '—' },
              { key: 'platform', header: 'Platform', sortKey: 'platform', render: (d) => `${PLATFORMS[d.platform].label} ${d.osVersion}` },
              { key: 'state', header: 'State', render: (d) => <StatusBadge tone={DEVICE_STATES[d.state].tone}>{DEVICE_STATES[d.state].label}</StatusBadge> },
              { key: 'enrolled', header: 'Enrolled', sortKey: 'enrolledAt', render: (d) => dateTime(d.enrolledAt) },
              { key: 'checkin', header: 'Last check-in', sortKey: 'lastCheckInAt', render: (d) => <span title={d.lastCheckInAt ?? undefined}>{relativeTime(d.lastCheckInAt)}</span> },
            ]}
          />
          <Pager page={list.page} pageSize={list.pageSize} total={devices.data.total} onPage={(page) => list.update({ page }, false)} onPageSize={(pageSize) => list.update({ pageSize })} />
        </>
      ) : null}
    </>
  );
}
