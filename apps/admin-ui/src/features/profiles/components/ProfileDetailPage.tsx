import { type AssignmentInput, PLATFORMS, type Profile, PROFILE_STATUSES, PROFILE_TYPES, type ProfileStatus, SCEP_ISSUANCE_STATES, type ScepIssuance } from '@certlab/contracts';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { Tabs } from '../../../components/Tabs';
import { dateTime, relativeTime } from '../../../lib/format';
import { Thumbprint } from '../../../components/Thumbprint';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useDeleteProfile } from '../api/delete-profile';
import { useProfile } from '../api/get-profile';
import { useDeviceStatus, useUserStatus, useVersions } from '../api/profile-status';
import { useScepIssuances } from '../api/list-scep-issuances';
import { useSetAssignments } from '../api/set-assignments';
import { AssignmentsEditor } from './AssignmentsEditor';
import { CertificateFacts } from './CertificateFacts';
import { ProfileStatusBadge } from './ProfileStatusBadge';
import { StatusChart } from './StatusChart';
import { PkcsRequestsTab } from './PkcsRequestsTab';
import '../profiles.css';
import { ProfileSettingsSummary, type SettingsSummaryInput } from './ProfileSettingsSummary';
import { WriteButton } from '../../../components/WriteButton';

type Tab = 'devices' | 'users' | 'assignments' | 'versions' | 'requests';
const TABS: { key: Tab; label: string }[] = [
  { key: 'devices', label: 'Device status' },
  { key: 'users', label: 'User status' },
  { key: 'assignments', label: 'Assignments' },
  { key: 'versions', label: 'Versions' },
];
const STATUS_OPTIONS = (Object.keys(PROFILE_STATUSES) as ProfileStatus[]).map((s) => ({ value: s, label: PROFILE_STATUSES[s].label }));

export function ProfileDetailPage() {
  const { id = '' } = useParams();
  const profile = useProfile(id);
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'devices';
  const remove = useDeleteProfile();
  const navigate = useNavigate();
  if (profile.status === 'pending') return <Spinner label="Loading the profile…" />;
  if (profile.status === 'error') return <ErrorMessage error={profile.error} />;
  const p = profile.data;
  async function del() {
    if (!window.confirm(`Delete ${p.name}? Devices remove the certificate it installed.`)) return;
    const res = await remove.mutate(p.id);
    if (res.ok) void navigate('/profiles');
  }
  return (
    <>
      <Link className="back-link" to="/profiles">
        ← Profiles
      </Link>
      <PageHeader
        title={p.name}
        description={`${PROFILE_TYPES[p.type].label} · version ${p.version} · ${p.platforms.map((x) => PLATFORMS[x].label).join(', ')}`}
        actions={
          <WriteButton className="button" onClick={() => void del()}>
            Delete
          </WriteButton>
        }
      />
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <div className="stack">
        <div className="row">
          <section className="panel" aria-label="Device status summary">
            <h2 className="panel__title">Device status</h2>
            <StatusChart counts={p.deviceStatus} />
          </section>
          {p.type === 'trustedRoot' ? <TrustedRootPanel profile={p} /> : <SettingsPanel profile={p} />}
        </div>
        {p.description ? <p>{p.description}</p> : null}
        <Tabs tabs={p.type === 'pkcs' ? [...TABS, { key: 'requests', label: 'Requests' }] : TABS} selected={tab} onSelect={(t) => setParams({ tab: t }, { replace: true })}>
          {tab === 'devices' ? <DeviceStatusView id={p.id} scep={p.type === 'scep'} /> : null}
          {tab === 'users' ? <UserStatusView id={p.id} /> : null}
          {tab === 'assignments' ? <AssignmentsView id={p.id} assignments={p.assignments} onSaved={profile.refetch} /> : null}
          {tab === 'versions' ? <VersionsView id={p.id} /> : null}
          {tab === 'requests' && p.type === 'pkcs' ? <PkcsRequestsTab profileId={p.id} /> : null}
        </Tabs>
      </div>
    </>
  );
}

function DeviceStatusView({ id, scep }: { id: string; scep: boolean }) {
  const list = useListParams(['status'], { sort: 'deviceName' }, 'd.');
  const rows = useDeviceStatus(id, toQuery(list));
  // SCEP: which certificate each device has, with Intune's issuance state.
  const issuances = useScepIssuances(id, scep);
  const certOf = (deviceId: string): ScepIssuance | undefined => issuances.data?.items.find((i) => i.deviceId === deviceId);
  const certColumns = scep
    ? [
        { key: 'issuance', header: 'Issuance state', render: (r: { deviceId: string }) => { const c = certOf(r.deviceId); return c ? <StatusBadge tone={SCEP_ISSUANCE_STATES[c.state].tone}>{SCEP_ISSUANCE_STATES[c.state].label}</StatusBadge> : '—'; } },
        { key: 'thumbprint', header: 'Certificate thumbprint', render: (r: { deviceId: string }) => { const c = certOf(r.deviceId); return c?.thumbprint ? <Thumbprint value={c.thumbprint} label={`thumbprint of ${c.serialNumber ? `serial ${c.serialNumber}` : 'the certificate'}`} /> : '—'; } },
        { key: 'expires', header: 'Expires', render: (r: { deviceId: string }) => { const c = certOf(r.deviceId); return c?.expiresAt ? <span title={c.expiresAt}>{dateTime(c.expiresAt)}</span> : '—'; } },
      ]
    : [];
  return (
    <section aria-label="Device status">
      <ListToolbar
        search={list.search}
        onSearch={(search) => list.update({ search })}
        searchLabel="Search devices"
        filters={[{ name: 'status', label: 'Status', value: list.filters.status ?? '', options: STATUS_OPTIONS }]}
        onFilter={(name, value) => list.update({ [name]: value })}
      />
      {rows.status === 'pending' ? <Spinner label="Loading device status…" /> : null}
      {rows.status === 'error' ? <ErrorMessage error={rows.error} /> : null}
      {rows.data ? (
        <>
          <DataTable
            caption="Device status"
            rows={rows.data.items}
            rowKey={(r) => r.deviceId}
            sort={list.sort}
            order={list.order}
            onSort={list.sortBy}
            empty="No device is targeted by this profile."
            columns={[
              { key: 'device', header: 'Device', sortKey: 'deviceName', render: (r) => <Link to={`/devices/${r.deviceId}`}>{r.deviceName}</Link> },
              { key: 'user', header: 'User', sortKey: 'userPrincipalName', render: (r) => r.user?.userPrincipalName ?? '—' },
              { key: 'platform', header: 'Platform', render: (r) => PLATFORMS[r.platform].label },
              { key: 'status', header: 'Status', sortKey: 'status', render: (r) => <ProfileStatusBadge status={r.status} /> },
              { key: 'version', header: 'Version', render: (r) => r.version ?? '—' },
              { key: 'error', header: 'Details', className: 'cell--prose', render: (r) => (r.errorCode ? `${r.errorCode}: ${r.message ?? ''}` : r.targeted ? (r.message ?? '') : 'No longer assigned') },
              ...certColumns,
              { key: 'at', header: 'Last reported', sortKey: 'reportedAt', render: (r) => <span title={r.reportedAt ?? undefined}>{relativeTime(r.reportedAt)}</span> },
            ]}
          />
          <Pager page={list.page} pageSize={list.pageSize} total={rows.data.total} onPage={(page) => list.update({ page }, false)} />
        </>
      ) : null}
    </section>
  );
}

function UserStatusView({ id }: { id: string }) {
  const list = useListParams(['status'], { sort: 'userPrincipalName' }, 'u.');
  const rows = useUserStatus(id, toQuery(list));
  return (
    <section aria-label="User status">
      <ListToolbar
        search={list.search}
        onSearch={(search) => list.update({ search })}
        searchLabel="Search users"
        filters={[{ name: 'status', label: 'Status', value: list.filters.status ?? '', options: STATUS_OPTIONS }]}
        onFilter={(name, value) => list.update({ [name]: value })}
      />
      {rows.status === 'error' ? <ErrorMessage error={rows.error} /> : null}
      {rows.data ? (
        <>
          <DataTable
            caption="User status"
            rows={rows.data.items}
            rowKey={(r) => r.user.id}
            sort={list.sort}
            order={list.order}
            onSort={list.sortBy}
            empty="No user has a device targeted by this profile."
            columns={[
              { key: 'user', header: 'User', sortKey: 'userPrincipalName', render: (r) => <Link to={`/users/${r.user.id}`}>{r.user.userPrincipalName}</Link> },
              { key: 'name', header: 'Display name', render: (r) => r.user.displayName },
              { key: 'status', header: 'Status', sortKey: 'status', render: (r) => <ProfileStatusBadge status={r.status} /> },
              {
                key: 'devices',
                header: 'Devices',
                render: (r) => `${r.devices.succeeded} succeeded, ${r.devices.failed} error, ${r.devices.pending} pending, ${r.devices.removed} removed`,
              },
            ]}
          />
          <Pager page={list.page} pageSize={list.pageSize} total={rows.data.total} onPage={(page) => list.update({ page }, false)} />
        </>
      ) : null}
    </section>
  );
}

function AssignmentsView({ id, assignments, onSaved }: { id: string; assignments: AssignmentInput[]; onSaved: () => void }) {
  const [draft, setDraft] = useState<AssignmentInput[]>(assignments.map(({ groupId, mode }) => ({ groupId, mode })));
  const save = useSetAssignments();
  const dirty = JSON.stringify([...draft].sort(byGroup)) !== JSON.stringify(assignments.map(({ groupId, mode }) => ({ groupId, mode })).sort(byGroup));
  return (
    <section aria-label="Assignments" className="stack">
      <AssignmentsEditor value={draft} onChange={setDraft} />
      {save.error ? <ErrorMessage error={save.error} /> : null}
      <div className="row">
        <WriteButton className="button button--primary" disabled={!dirty || save.isPending} onClick={() => void save.mutate({ id, assignments: draft }).then((r) => r.ok && onSaved())}>
          {save.isPending ? 'Saving…' : 'Save assignments'}
        </WriteButton>
        {save.status === 'success' && !dirty ? <StatusBadge tone="success">Saved; devices are told to check in</StatusBadge> : null}
      </div>
    </section>
  );
}

const byGroup = (a: AssignmentInput, b: AssignmentInput) => a.groupId.localeCompare(b.groupId);

function VersionsView({ id }: { id: string }) {
  const versions = useVersions(id);
  if (versions.status === 'pending') return <Spinner label="Loading versions…" />;
  if (versions.status === 'error') return <ErrorMessage error={versions.error} />;
  return (
    <DataTable
      caption="Versions"
      rows={versions.data}
      rowKey={(v) => String(v.version)}
      columns={[
        { key: 'v', header: 'Version', render: (v) => v.version },
        { key: 'name', header: 'Name', render: (v) => v.name },
        { key: 'platforms', header: 'Platforms', render: (v) => v.platforms.map((p) => PLATFORMS[p].label).join(', ') },
        { key: 'cert', header: 'Certificate', render: (v) => v.summary },
        { key: 'by', header: 'Modified by', render: (v) => v.modifiedBy },
        { key: 'at', header: 'Modified', render: (v) => dateTime(v.modifiedAt) },
      ]}
    />
  );
}

type TrustedRootProfile = Extract<Profile, { type: 'trustedRoot' }>;

function TrustedRootPanel({ profile: p }: { profile: TrustedRootProfile }) {
  const source = p.settings.source;
  return (
    <section className="panel settings-panel" aria-label="Trusted certificate">
      <h2 className="panel__title">Trusted certificate</h2>
      <p className="muted">
        {source.kind === 'upload' ? `Uploaded${source.fileName ? ` as ${source.fileName}` : ''}` : `From ${source.url}`} · modified {dateTime(p.modifiedAt)} by{' '}
        {p.modifiedBy}
      </p>
      <CertificateFacts cert={p.settings.certificate} />
    </section>
  );
}

type SettingsProfile = Exclude<Profile, TrustedRootProfile>;

/** SCEP, PKCS and imported PKCS: the settings under Intune's labels, warnings and caveats beside them. */
function SettingsPanel({ profile: p }: { profile: SettingsProfile }) {
  const summary: SettingsSummaryInput =
    p.type === 'scep'
      ? { type: 'scep', settings: p.settings, rootName: p.settings.trustedRootProfileName, warnings: p.settings.warnings }
      : p.type === 'pkcs'
        ? { type: 'pkcs', settings: p.settings, rootName: p.settings.trustedRootProfileName }
        : { type: 'pkcsImported', settings: p.settings };
  return (
    <section className="panel settings-panel" aria-label="Configuration settings">
      <h2 className="panel__title">Configuration settings</h2>
      <p className="muted">
        Modified {dateTime(p.modifiedAt)} by {p.modifiedBy}
      </p>
      <ProfileSettingsSummary {...summary} />
    </section>
  );
}
