import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useCreateUser } from '../api/create-user';
import { useUsers } from '../api/list-users';
import { ImportPanel } from './ImportPanel';
import { WriteButton } from '../../../components/WriteButton';

/** Users: the people certificates are issued for, with their groups; import and create. */
export function UsersPage() {
  const list = useListParams([], { sort: 'userPrincipalName' });
  const users = useUsers(toQuery(list));
  const [panel, setPanel] = useState<'none' | 'import' | 'create'>('none');
  return (
    <>
      <PageHeader
        title="Users"
        description="The tenant directory's users, synced from on-premises AD: their UPN, mail, sAMAccountName and DN feed certificate subjects."
        actions={
          <>
            <WriteButton className="button" onClick={() => setPanel(panel === 'create' ? 'none' : 'create')}>
              New user
            </WriteButton>
            <WriteButton className="button button--primary" onClick={() => setPanel(panel === 'import' ? 'none' : 'import')}>
              Import
            </WriteButton>
          </>
        }
      />
      <div className="stack">
        {panel === 'import' ? <ImportPanel onImported={users.refetch} /> : null}
        {panel === 'create' ? <CreateUserForm onCreated={() => { setPanel('none'); users.refetch(); }} /> : null}
        <section aria-label="User list">
          <ListToolbar search={list.search} onSearch={(search) => list.update({ search })} searchLabel="Search users" />
          {users.status === 'pending' ? <Spinner label="Loading users…" /> : null}
          {users.status === 'error' ? <ErrorMessage error={users.error} /> : null}
          {users.status === 'success' ? (
            <>
              <DataTable
                caption="Users"
                rows={users.data.items}
                rowKey={(u) => u.id}
                sort={list.sort}
                order={list.order}
                onSort={list.sortBy}
                empty="No users match. Import a CSV or JSON file to add some."
                columns={[
                  { key: 'upn', header: 'User principal name', sortKey: 'userPrincipalName', render: (u) => <Link to={`/users/${u.id}`}>{u.userPrincipalName}</Link> },
                  { key: 'name', header: 'Display name', sortKey: 'displayName', render: (u) => u.displayName },
                  { key: 'mail', header: 'Email', render: (u) => u.email ?? '—' },
                  { key: 'sam', header: 'sAMAccountName', render: (u) => u.onPremisesSamAccountName ?? '—' },
                  { key: 'groups', header: 'Groups', render: (u) => u.groups.map((g) => g.name).join(', ') || '—' },
                ]}
              />
              <Pager page={list.page} pageSize={list.pageSize} total={users.data.total} onPage={(page) => list.update({ page }, false)} onPageSize={(pageSize) => list.update({ pageSize })} />
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const create = useCreateUser();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const res = await create.mutate({
      userPrincipalName: text('upn'),
      displayName: text('displayName'),
      email: text('email') || null,
      onPremisesSamAccountName: text('sam') || null,
      onPremisesDistinguishedName: text('dn') || null,
    });
    if (res.ok) onCreated();
  }
  return (
    <form className="panel form-grid" onSubmit={(e) => void submit(e)} aria-label="New user">
      <h2 className="panel__title">New user</h2>
      <label>
        User principal name
        <input className="input" name="upn" required placeholder="ada@contoso.com" />
      </label>
      <label>
        Display name
        <input className="input" name="displayName" required />
      </label>
      <label>
        Email
        <input className="input" name="email" type="email" />
      </label>
      <label>
        On-premises sAMAccountName
        <input className="input" name="sam" />
      </label>
      <label>
        On-premises distinguished name
        <input className="input" name="dn" placeholder="CN=Ada Lovelace,OU=Users,DC=contoso,DC=com" />
      </label>
      {create.error ? <ErrorMessage error={create.error} /> : null}
      <div>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}
