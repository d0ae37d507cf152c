import { PLATFORMS, type Platform, PROFILE_STATUSES, type ProfileStatus, PROFILE_TYPES, type ProfileType, type StatusCounts } from '@certlab/contracts';
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
import { useProfiles } from '../api/list-profiles';
import { WriteLink } from '../../../components/WriteButton';

/** Configuration profiles: the certificates devices should have, and how many have them. */
export function ProfilesPage() {
  const list = useListParams(['type', 'platform'], { sort: 'name' });
  const profiles = useProfiles(toQuery(list));
  return (
    <>
      <PageHeader
        title="Profiles"
        description="Trusted certificate, SCEP, PKCS and PKCS imported profiles, their assignments and how devices are doing."
        actions={
          <WriteLink className="button button--primary" to="/profiles/new">
            Create profile
          </WriteLink>
        }
      />
      <ListToolbar
        search={list.search}
        onSearch={(search) => list.update({ search })}
        searchLabel="Search profiles"
        filters={[
          { name: 'type', label: 'Profile type', value: list.filters.type ?? '', options: (Object.keys(PROFILE_TYPES) as ProfileType[]).map((t) => ({ value: t, label: PROFILE_TYPES[t].label })) },
          { name: 'platform', label: 'Platform', value: list.filters.platform ?? '', options: (Object.keys(PLATFORMS) as Platform[]).map((p) => ({ value: p, label: PLATFORMS[p].label })) },
        ]}
        onFilter={(name, value) => list.update({ [name]: value })}
      />
      {profiles.status === 'pending' ? <Spinner label="Loading profiles…" /> : null}
      {profiles.status === 'error' ? <ErrorMessage error={profiles.error} /> : null}
      {profiles.status === 'success' ? (
        <>
          <DataTable
            caption="Profiles"
            rows={profiles.data.items}
            rowKey={(p) => p.id}
            sort={list.sort}
            order={list.order}
            onSort={list.sortBy}
            empty={
              <>
                No profiles yet. <Link to="/profiles/new">Create a trusted certificate profile</Link> to push a root CA to devices.
              </>
            }
            columns={[
              { key: 'name', header: 'Name', sortKey: 'name', render: (p) => <Link to={`/profiles/${p.id}`}>{p.name}</Link> },
              { key: 'type', header: 'Profile type', sortKey: 'type', render: (p) => PROFILE_TYPES[p.type].label },
              { key: 'platforms', header: 'Platforms', render: (p) => p.platforms.map((x) => PLATFORMS[x].label).join(', ') },
              { key: 'version', header: 'Version', render: (p) => p.version },
              { key: 'assigned', header: 'Assigned', render: (p) => (p.assignments.length ? <StatusBadge tone="info">Yes</StatusBadge> : <StatusBadge tone="neutral">No</StatusBadge>) },
              { key: 'status', header: 'Devices', render: (p) => <DeviceCounts counts={p.deviceStatus} /> },
              { key: 'modified', header: 'Last modified', sortKey: 'modifiedAt', render: (p) => dateTime(p.modifiedAt) },
            ]}
          />
          <Pager page={list.page} pageSize={list.pageSize} total={profiles.data.total} onPage={(page) => list.update({ page }, false)} onPageSize={(pageSize) => list.update({ pageSize })} />
        </>
      ) : null}
    </>
  );
}

const COUNT_ORDER: ProfileStatus[] = ['succeeded', 'failed', 'pending', 'removed'];

/** Devices per status, only the statuses some device has; "No devices" when none is targeted. */
function DeviceCounts({ counts }: { counts: StatusCounts }) {
  const shown = COUNT_ORDER.filter((s) => counts[s] > 0);
  if (shown.length === 0) return <span className="muted">No devices</span>;
  return (
    <span className="row" style={{ gap: 6 }}>
      {shown.map((s) => (
        <StatusBadge key={s} tone={PROFILE_STATUSES[s].tone}>
          {counts[s]} {PROFILE_STATUSES[s].label.toLowerCase()}
        </StatusBadge>
      ))}
    </span>
  );
}
