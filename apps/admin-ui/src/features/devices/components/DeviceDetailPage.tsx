import { DEVICE_STATES, PLATFORMS, PROFILE_STATUSES, PROFILE_TYPES, type ProfileStatus } from '@certlab/contracts';
import { Link, useParams } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime, relativeTime, thumbprint } from '../../../lib/format';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useChangeDeviceState } from '../api/change-device-state';
import { useDeviceProfiles, useStatusHistory } from '../api/device-profiles';
import { useDevice } from '../api/get-device';
import { WriteButton } from '../../../components/WriteButton';

function ProfileStatus({ status }: { status: ProfileStatus | null }) {
  if (!status) return <span className="muted">Not reported</span>;
  return <StatusBadge tone={PROFILE_STATUSES[status].tone}>{PROFILE_STATUSES[status].label}</StatusBadge>;
}

export function DeviceDetailPage() {
  const { id = '' } = useParams();
  const device = useDevice(id);
  const change = useChangeDeviceState();
  if (device.status === 'pending') return <Spinner label="Loading the device…" />;
  if (device.status === 'error') return <ErrorMessage error={device.error} />;
  const d = device.data;
  async function act(action: 'retire' | 'wipe') {
    const what = action === 'retire' ? 'Retire removes company data and management' : 'Wipe resets the device to factory settings';
    if (!window.confirm(`${what}. ${d.name} will no longer check in. Continue?`)) return;
    const res = await change.mutate({ id: d.id, action });
    if (res.ok) device.refetch();
  }
  return (
    <>
      <Link className="back-link" to="/devices">
        ← Devices
      </Link>
      <PageHeader
        title={d.name}
        description={`${PLATFORMS[d.platform].label} ${d.osVersion}`}
        actions={
          d.state === 'enrolled' ? (
            <>
              <WriteButton className="button" onClick={() => void act('retire')} disabled={change.isPending}>
                Retire
              </WriteButton>
              <WriteButton className="button" onClick={() => void act('wipe')} disabled={change.isPending}>
                Wipe
              </WriteButton>
            </>
          ) : undefined
        }
      />
      {change.error ? <ErrorMessage error={change.error} /> : null}
      <div className="stack">
        <section className="panel" aria-label="Properties">
          <h2 className="panel__title">Properties</h2>
          <dl className="facts">
            <div><dt>State</dt><dd><StatusBadge tone={DEVICE_STATES[d.state].tone}>{DEVICE_STATES[d.state].label}</StatusBadge></dd></div>
            <div><dt>Primary user</dt><dd>{d.owner ? <Link to={`/users/${d.owner.id}`}>{d.owner.displayName} ({d.owner.userPrincipalName})</Link> : '—'}</dd></div>
            <div><dt>Device ID</dt><dd className="mono">{d.entraDeviceId}</dd></div>
            <div><dt>Serial number</dt><dd>{d.serialNumber ?? '—'}</dd></div>
            <div><dt>IMEI</dt><dd>{d.imei ?? '—'}</dd></div>
            <div><dt>Enrolled</dt><dd>{dateTime(d.enrolledAt)}</dd></div>
            <div><dt>Last check-in</dt><dd title={d.lastCheckInAt ?? undefined}>{relativeTime(d.lastCheckInAt)}</dd></div>
            <div><dt>Management certificate</dt><dd className="mono">{d.managementCertificateThumbprint ? thumbprint(d.managementCertificateThumbprint) : '—'}</dd></div>
          </dl>
        </section>
        <EffectiveProfiles deviceId={d.id} />
        <StatusHistory deviceId={d.id} />
      </div>
    </>
  );
}

function EffectiveProfiles({ deviceId }: { deviceId: string }) {
  const profiles = useDeviceProfiles(deviceId);
  return (
    <section aria-labelledby="device-profiles">
      <h2 id="device-profiles" className="panel__title">
        Configuration profiles
      </h2>
      <p className="muted">Every profile assigned to this device or its user, why it applies or not, and what the device reported.</p>
      {profiles.status === 'pending' ? <Spinner label="Loading profiles…" /> : null}
      {profiles.status === 'error' ? <ErrorMessage error={profiles.error} /> : null}
      {profiles.data ? (
        <DataTable
          caption="Configuration profiles"
          rows={profiles.data.items}
          rowKey={(p) => p.profileId}
          empty="No profile is assigned to this device or its user."
          columns={[
            { key: 'name', header: 'Profile', render: (p) => <Link to={`/profiles/${p.profileId}`}>{p.name}</Link> },
            { key: 'type', header: 'Type', render: (p) => PROFILE_TYPES[p.type].label },
            {
              key: 'why',
              header: 'Assignment',
              render: (p) => (
                <>
                  {p.applies ? <StatusBadge tone="info">Applies</StatusBadge> : <StatusBadge tone="neutral">Does not apply</StatusBadge>}
                  <ul className="reasons">
                    {p.applies ? p.reasons.filter((r) => r.mode === 'include').map((r) => <li key={r.groupId}>{r.text}</li>) : <li>{p.notAppliedReason}</li>}
                  </ul>
                </>
              ),
            },
            { key: 'status', header: 'Status', render: (p) => <ProfileStatus status={p.status} /> },
            { key: 'version', header: 'Version', render: (p) => `${p.statusVersion ?? '—'} of ${p.version}` },
            { key: 'error', header: 'Details', render: (p) => (p.errorCode ? `${p.errorCode}: ${p.message ?? ''}` : (p.message ?? '')) },
            { key: 'at', header: 'Reported', render: (p) => <span title={p.reportedAt ?? undefined}>{relativeTime(p.reportedAt)}</span> },
          ]}
        />
      ) : null}
    </section>
  );
}

function StatusHistory({ deviceId }: { deviceId: string }) {
  const list = useListParams([], { order: 'desc', pageSize: 10 }, 'h.');
  const history = useStatusHistory(deviceId, toQuery(list));
  return (
    <section aria-labelledby="status-history">
      <h2 id="status-history" className="panel__title">
        Status history
      </h2>
      {history.status === 'error' ? <ErrorMessage error={history.error} /> : null}
      {history.data ? (
        <>
          <DataTable
            caption="Status history"
            rows={history.data.items}
            rowKey={(h) => h.id}
            empty="The device has not reported any profile yet."
            columns={[
              { key: 'at', header: 'When', render: (h) => dateTime(h.at) },
              { key: 'profile', header: 'Profile', render: (h) => h.profileName },
              { key: 'version', header: 'Version', render: (h) => h.version },
              { key: 'status', header: 'Status', render: (h) => <ProfileStatus status={h.status} /> },
              { key: 'details', header: 'Details', render: (h) => (h.errorCode ? `${h.errorCode}: ${h.message ?? ''}` : (h.message ?? '')) },
            ]}
          />
          <Pager page={list.page} pageSize={list.pageSize} total={history.data.total} onPage={(page) => list.update({ page }, false)} />
        </>
      ) : null}
    </section>
  );
}
