import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { Spinner } from '../../../components/Spinner';
import { dateTime } from '../../../lib/format';
import { toQuery, useListParams } from '../../../lib/use-list-params';
import { useCreateGroup } from '../api/create-group';
import { useGroups } from '../api/list-groups';
import { WriteButton } from '../../../components/WriteButton';

/** Groups: what profiles are assigned to. Members are users, devices and other groups. */
export function GroupsPage() {
  const list = useListParams([], { sort: 'name' });
  const groups = useGroups(toQuery(list));
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Groups"
        description="Profiles are assigned to groups. A group holds users, devices and other groups; nested members count at every level."
        actions={
          <WriteButton className="button button--primary" onClick={() => setCreating(!creating)}>
            New group
          </WriteButton>
        }
      />
      <div className="stack">
        {creating ? <CreateGroupForm /> : null}
        <section aria-label="Group list">
          <ListToolbar search={list.search} onSearch={(search) => list.update({ search })} searchLabel="Search groups" />
          {groups.status === 'pending' ? <Spinner label="Loading groups…" /> : null}
          {groups.status === 'error' ? <ErrorMessage error={groups.error} /> : null}
          {groups.status === 'success' ? (
            <>
              <DataTable
                caption="Groups"
                rows={groups.data.items}
                rowKey={(g) => g.id}
                sort={list.sort}
                order={list.order}
                onSort={list.sortBy}
                empty="No groups match."
                columns={[
                  { key: 'name', header: 'Name', sortKey: 'name', render: (g) => <Link to={`/groups/${g.id}`}>{g.name}</Link> },
                  { key: 'description', header: 'Description', render: (g) => g.description ?? '—' },
                  { key: 'members', header: 'Direct members', render: (g) => g.memberCount },
                  { key: 'created', header: 'Created', sortKey: 'createdAt', render: (g) => dateTime(g.createdAt) },
                ]}
              />
              <Pager page={list.page} pageSize={list.pageSize} total={groups.data.total} onPage={(page) => list.update({ page }, false)} onPageSize={(pageSize) => list.update({ pageSize })} />
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

function CreateGroupForm() {
  const create = useCreateGroup();
  const navigate = useNavigate();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const res = await create.mutate({ name: String(f.get('name') ?? ''), description: String(f.get('description') ?? '') || null });
    if (res.ok) void navigate(`/groups/${res.data.id}`);
  }
  return (
    <form className="panel form-grid" onSubmit={(e) => void submit(e)} aria-label="New group">
      <h2 className="panel__title">New group</h2>
      <label>
        Name
        <input className="input" name="name" required />
      </label>
      <label>
        Description
        <input className="input" name="description" />
      </label>
      {create.error ? <ErrorMessage error={create.error} /> : null}
      <div>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Create group
        </button>
      </div>
    </form>
  );
}
