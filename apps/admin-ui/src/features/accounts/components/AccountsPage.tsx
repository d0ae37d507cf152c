import { type Role, ROLES } from '@certlab/contracts';
import { type FormEvent, useState } from 'react';
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
import { useAccounts, useCreateAccount, useUpdateAccount } from '../api/accounts';

const ROLE_OPTIONS = (Object.keys(ROLES) as Role[]).map((r) => ({ value: r, label: ROLES[r].label }));

/** Who may sign in to this console, and with which role. Operators read everything and change nothing. */
export function AccountsPage() {
  const list = useListParams(['role'], { sort: 'username' });
  const accounts = useAccounts(toQuery(list));
  const update = useUpdateAccount();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Link className="back-link" to="/audit">
        ← Audit
      </Link>
      <PageHeader
        title="Console accounts"
        description="Administrators change everything; read-only operators see everything and change nothing. Every change is audited."
        actions={
          <button type="button" className="button button--primary" onClick={() => setCreating(!creating)}>
            New account
          </button>
        }
      />
      <div className="stack">
        {creating ? <CreateAccountForm onCreated={() => { setCreating(false); accounts.refetch(); }} /> : null}
        <ListToolbar
          search={list.search}
          onSearch={(search) => list.update({ search })}
          searchLabel="Search accounts"
          filters={[{ name: 'role', label: 'Role', value: list.filters.role ?? '', options: ROLE_OPTIONS }]}
          onFilter={(name, value) => list.update({ [name]: value })}
        />
        {update.error ? <ErrorMessage error={update.error} /> : null}
        {accounts.status === 'pending' ? <Spinner label="Loading accounts…" /> : null}
        {accounts.status === 'error' ? <ErrorMessage error={accounts.error} /> : null}
        {accounts.data ? (
          <>
            <DataTable
              caption="Console accounts"
              rows={accounts.data.items}
              rowKey={(a) => a.id}
              sort={list.sort}
              order={list.order}
              onSort={list.sortBy}
              columns={[
                { key: 'username', header: 'Username', sortKey: 'username', render: (a) => a.username },
                { key: 'name', header: 'Display name', sortKey: 'displayName', render: (a) => a.displayName },
                {
                  key: 'role',
                  header: 'Role',
                  render: (a) => (
                    <select className="input" aria-label={`Role of ${a.username}`} value={a.role} onChange={(e) => void update.mutate({ id: a.id, role: e.target.value as Role }).then(accounts.refetch)}>
                      {ROLE_OPTIONS.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ),
                },
                { key: 'state', header: 'State', render: (a) => (a.disabled ? <StatusBadge tone="neutral">Disabled</StatusBadge> : <StatusBadge tone="success">Active</StatusBadge>) },
                { key: 'last', header: 'Last sign-in', sortKey: 'lastSignInAt', render: (a) => <span title={a.lastSignInAt ?? undefined}>{relativeTime(a.lastSignInAt)}</span> },
                { key: 'created', header: 'Created', sortKey: 'createdAt', render: (a) => dateTime(a.createdAt) },
                {
                  key: 'actions',
                  header: 'Actions',
                  render: (a) => (
                    <button type="button" className="button" onClick={() => void update.mutate({ id: a.id, disabled: !a.disabled }).then(accounts.refetch)}>
                      {a.disabled ? 'Enable' : 'Disable'}
                    </button>
                  ),
                },
              ]}
            />
            <Pager page={list.page} pageSize={list.pageSize} total={accounts.data.total} onPage={(page) => list.update({ page }, false)} />
          </>
        ) : null}
      </div>
    </>
  );
}

function CreateAccountForm({ onCreated }: { onCreated: () => void }) {
  const create = useCreateAccount();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const res = await create.mutate({
      username: String(f.get('username') ?? ''),
      displayName: String(f.get('displayName') ?? ''),
      role: String(f.get('role') ?? 'operator') as Role,
      password: String(f.get('password') ?? ''),
    });
    if (res.ok) onCreated();
  }
  return (
    <form className="panel form-grid" aria-label="New account" onSubmit={(e) => void submit(e)}>
      <h2 className="panel__title">New account</h2>
      <label>
        Username
        <input className="input" name="username" required autoComplete="off" />
      </label>
      <label>
        Display name
        <input className="input" name="displayName" required />
      </label>
      <label>
        Role
        <select className="input" name="role" defaultValue="operator">
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Password (at least 12 characters)
        <input className="input" name="password" type="password" required minLength={12} autoComplete="new-password" />
      </label>
      {create.error ? <ErrorMessage error={create.error} /> : null}
      <div>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Create account
        </button>
      </div>
    </form>
  );
}
