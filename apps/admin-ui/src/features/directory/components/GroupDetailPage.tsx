import { MEMBER_KINDS, type MemberKind, PLATFORMS, type Platform } from '@certlab/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageHeader } from '../../../components/PageHeader';
import { Spinner } from '../../../components/Spinner';
import { useAddMember, useRemoveMember } from '../api/change-members';
import { useGroup } from '../api/get-group';
import { useGroups } from '../api/list-groups';
import { useUsers } from '../api/list-users';
import { useDeviceSearch } from '../api/search-devices';
import { WriteButton } from '../../../components/WriteButton';

const MEMBER_LINK: Record<MemberKind, (id: string) => string> = {
  user: (id) => `/users/${id}`,
  device: (id) => `/devices/${id}`,
  group: (id) => `/groups/${id}`,
};

export function GroupDetailPage() {
  const { id = '' } = useParams();
  const group = useGroup(id);
  const remove = useRemoveMember();
  if (group.status === 'pending') return <Spinner label="Loading the group…" />;
  if (group.status === 'error') return <ErrorMessage error={group.error} />;
  const g = group.data;
  return (
    <>
      <Link className="back-link" to="/groups">
        ← Groups
      </Link>
      <PageHeader title={g.name} description={g.description ?? undefined} />
      <div className="stack">
        <section className="panel" aria-label="Membership summary">
          <p>
            In all, through nesting: <strong>{g.transitive.users}</strong> users, <strong>{g.transitive.devices}</strong> devices (their own or their
            users'), <strong>{g.transitive.groups}</strong> nested groups.
          </p>
          <p>
            Member of:{' '}
            {g.memberOf.length === 0
              ? 'no group'
              : g.memberOf.map((p, i) => (
                  <span key={p.id}>
                    {i ? ', ' : ''}
                    <Link to={`/groups/${p.id}`}>{p.name}</Link>
                  </span>
                ))}
          </p>
        </section>
        <AddMember groupId={g.id} onAdded={group.refetch} />
        {remove.error ? <ErrorMessage error={remove.error} /> : null}
        <DataTable
          caption="Direct members"
          rows={g.members}
          rowKey={(m) => `${m.kind}-${m.id}`}
          empty="No direct members."
          columns={[
            { key: 'kind', header: 'Type', render: (m) => MEMBER_KINDS[m.kind].label },
            { key: 'name', header: 'Name', render: (m) => <Link to={MEMBER_LINK[m.kind](m.id)}>{m.name}</Link> },
            { key: 'detail', header: 'Details', render: (m) => (m.kind === 'device' && m.detail && m.detail in PLATFORMS ? PLATFORMS[m.detail as Platform].label : (m.detail ?? '—')) },
            {
              key: 'remove',
              header: 'Actions',
              render: (m) => (
                <WriteButton className="button button--subtle" aria-label={`Remove ${m.name}`} onClick={() => void remove.mutate({ groupId: g.id, kind: m.kind, id: m.id }).then(group.refetch)}>
                  Remove
                </WriteButton>
              ),
            },
          ]}
        />
      </div>
    </>
  );
}

function AddMember({ groupId, onAdded }: { groupId: string; onAdded: () => void }) {
  const [kind, setKind] = useState<MemberKind>('user');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState('');
  const add = useAddMember();
  const q = `pageSize=20&search=${encodeURIComponent(search)}`;
  const users = useUsers(q);
  const groups = useGroups(q);
  const devices = useDeviceSearch(search);
  const options =
    kind === 'user'
      ? (users.data?.items ?? []).map((u) => ({ id: u.id, label: `${u.displayName} (${u.userPrincipalName})` }))
      : kind === 'group'
        ? (groups.data?.items ?? []).filter((x) => x.id !== groupId).map((x) => ({ id: x.id, label: x.name }))
        : (devices.data?.items ?? []).map((d) => ({ id: d.id, label: `${d.name} (${PLATFORMS[d.platform].label})` }));
  async function submit() {
    if (!chosen) return;
    const res = await add.mutate({ groupId, kind, id: chosen });
    if (res.ok) {
      setChosen('');
      onAdded();
    }
  }
  return (
    <section className="panel" aria-label="Add a member">
      <h2 className="panel__title">Add a member</h2>
      <div className="toolbar">
        <label className="toolbar__filter">
          <span>Type</span>
          <select className="input" aria-label="Type" value={kind} onChange={(e) => { setKind(e.target.value as MemberKind); setChosen(''); }}>
            {(Object.keys(MEMBER_KINDS) as MemberKind[]).map((k) => (
              <option key={k} value={k}>
                {MEMBER_KINDS[k].label}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__filter">
          <span>Find</span>
          <input className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name…" />
        </label>
        <label className="toolbar__filter">
          <span>Member</span>
          <select className="input" aria-label="Member" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <WriteButton className="button button--primary" disabled={!chosen || add.isPending} onClick={() => void submit()}>
          Add
        </WriteButton>
      </div>
      {add.error ? <ErrorMessage error={add.error} /> : null}
    </section>
  );
}
