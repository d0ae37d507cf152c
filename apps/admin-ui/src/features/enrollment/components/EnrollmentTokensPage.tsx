import { type CreatedEnrollmentToken, ENROLLMENT_TOKEN_LIFETIME, ENROLLMENT_TOKEN_STATUSES, type EnrollmentTokenStatus, PLATFORMS, type Platform } from '@certlab/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CopyButton } from '../../../components/CopyButton';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime, relativeTime } from '../../../lib/format';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useCreateEnrollmentToken, useEnrollmentTokens, useUserSearch } from '../api/enrollment-tokens';
import { WriteButton } from '../../../components/WriteButton';

/** One-time enrollment tokens: created for a user and platform, shown once, then listed without the secret. */
export function EnrollmentTokensPage() {
  const list = useListParams(['status', 'platform'], { sort: 'createdAt', order: 'desc' });
  const tokens = useEnrollmentTokens(toQuery(list));
  const [created, setCreated] = useState<CreatedEnrollmentToken | undefined>();
  return (
    <>
      <Link className="back-link" to="/devices">
        ← Devices
      </Link>
      <PageHeader title="Enrollment tokens" description="A token lets one device of one platform enroll for a user, once, before it expires." />
      <div className="stack">
        <CreateTokenForm onCreated={(t) => { setCreated(t); tokens.refetch(); }} />
        {created ? <NewToken token={created} onDone={() => setCreated(undefined)} /> : null}
        <section aria-label="Token list">
          <ListToolbar
            search={list.search}
            onSearch={(search) => list.update({ search })}
            searchLabel="Search tokens"
            filters={[
              { name: 'status', label: 'Status', value: list.filters.status ?? '', options: (Object.keys(ENROLLMENT_TOKEN_STATUSES) as EnrollmentTokenStatus[]).map((s) => ({ value: s, label: ENROLLMENT_TOKEN_STATUSES[s].label })) },
              { name: 'platform', label: 'Platform', value: list.filters.platform ?? '', options: (Object.keys(PLATFORMS) as Platform[]).map((p) => ({ value: p, label: PLATFORMS[p].label })) },
            ]}
            onFilter={(name, value) => list.update({ [name]: value })}
          />
          {tokens.status === 'pending' ? <Spinner label="Loading tokens…" /> : null}
          {tokens.status === 'error' ? <ErrorMessage error={tokens.error} /> : null}
          {tokens.data ? (
            <>
              <DataTable
                caption="Enrollment tokens"
                rows={tokens.data.items}
                rowKey={(t) => t.id}
                sort={list.sort}
                order={list.order}
                onSort={list.sortBy}
                empty="No enrollment tokens."
                columns={[
                  { key: 'user', header: 'User', render: (t) => t.user.userPrincipalName },
                  { key: 'platform', header: 'Platform', sortKey: 'platform', render: (t) => PLATFORMS[t.platform].label },
                  { key: 'status', header: 'Status', render: (t) => <StatusBadge tone={ENROLLMENT_TOKEN_STATUSES[t.status].tone}>{ENROLLMENT_TOKEN_STATUSES[t.status].label}</StatusBadge> },
                  { key: 'created', header: 'Created', sortKey: 'createdAt', render: (t) => `${dateTime(t.createdAt)} by ${t.createdBy}` },
                  { key: 'expires', header: 'Expires', sortKey: 'expiresAt', render: (t) => <span title={t.expiresAt}>{relativeTime(t.expiresAt)}</span> },
                  { key: 'device', header: 'Device', render: (t) => (t.deviceId ? <Link to={`/devices/${t.deviceId}`}>Enrolled {relativeTime(t.usedAt)}</Link> : '—') },
                ]}
              />
              <Pager page={list.page} pageSize={list.pageSize} total={tokens.data.total} onPage={(page) => list.update({ page }, false)} />
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (t: CreatedEnrollmentToken) => void }) {
  const [search, setSearch] = useState('');
  const [userId, setUserId] = useState('');
  const [platform, setPlatform] = useState<Platform>('windows');
  const [minutes, setMinutes] = useState(ENROLLMENT_TOKEN_LIFETIME.default);
  const users = useUserSearch(search);
  const create = useCreateEnrollmentToken();
  async function submit() {
    const res = await create.mutate({ userId, platform, validForMinutes: minutes });
    if (res.ok) onCreated(res.data);
  }
  return (
    <section className="panel" aria-label="Create an enrollment token">
      <h2 className="panel__title">Create an enrollment token</h2>
      <div className="toolbar">
        <label className="toolbar__filter">
          <span>Find user</span>
          <input className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or UPN…" />
        </label>
        <label className="toolbar__filter">
          <span>User</span>
          <select className="input" aria-label="User" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Choose…</option>
            {users.data?.items.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.userPrincipalName})
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__filter">
          <span>Platform</span>
          <select className="input" aria-label="Platform" value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
            {(Object.keys(PLATFORMS) as Platform[]).map((p) => (
              <option key={p} value={p}>
                {PLATFORMS[p].label}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__filter">
          <span>Valid for (minutes)</span>
          <input className="input" type="number" min={ENROLLMENT_TOKEN_LIFETIME.min} max={ENROLLMENT_TOKEN_LIFETIME.max} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
        </label>
        <WriteButton className="button button--primary" disabled={!userId || create.isPending} onClick={() => void submit()}>
          Create token
        </WriteButton>
      </div>
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </section>
  );
}

function NewToken({ token, onDone }: { token: CreatedEnrollmentToken; onDone: () => void }) {
  return (
    <section className="panel stack" aria-label="New enrollment token">
      <h2 className="panel__title">Token for {token.user.userPrincipalName} ({PLATFORMS[token.platform].label})</h2>
      <p>Copy it now: it is shown only this once. It expires {relativeTime(token.expiresAt)} ({dateTime(token.expiresAt)}) and works for one device.</p>
      <div className="secret">
        <code data-testid="enrollment-token">{token.token}</code>
        <CopyButton value={token.token} />
      </div>
      <p className="muted">
        Enroll with <code>certlab device enroll --token &lt;token&gt; --platform {token.platform} …</code>
      </p>
      <div>
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
