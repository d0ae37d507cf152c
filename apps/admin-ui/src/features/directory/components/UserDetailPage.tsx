import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageHeader } from '../../../components/PageHeader';
import { Spinner } from '../../../components/Spinner';
import { dateTime } from '../../../lib/format';
import { useUser } from '../api/get-user';

export function UserDetailPage() {
  const { id = '' } = useParams();
  const user = useUser(id);
  if (user.status === 'pending') return <Spinner label="Loading the user…" />;
  if (user.status === 'error') return <ErrorMessage error={user.error} />;
  const u = user.data;
  return (
    <>
      <Link className="back-link" to="/users">
        ← Users
      </Link>
      <PageHeader title={u.displayName} description={u.userPrincipalName} />
      <div className="row">
        <section className="panel" aria-label="Properties">
          <h2 className="panel__title">Properties</h2>
          <dl className="facts">
            <div><dt>UPN</dt><dd>{u.userPrincipalName}</dd></div>
            <div><dt>Email</dt><dd>{u.email ?? '—'}</dd></div>
            <div><dt>sAMAccountName</dt><dd>{u.onPremisesSamAccountName ?? '—'}</dd></div>
            <div><dt>DN</dt><dd className="mono">{u.onPremisesDistinguishedName ?? '—'}</dd></div>
            <div><dt>Created</dt><dd>{dateTime(u.createdAt)}</dd></div>
          </dl>
        </section>
        <section className="panel" aria-label="Groups">
          <h2 className="panel__title">Direct groups</h2>
          {u.groups.length === 0 ? <p className="muted">Not in any group.</p> : (
            <ul>
              {u.groups.map((g) => (
                <li key={g.id}>
                  <Link to={`/groups/${g.id}`}>{g.name}</Link>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`/devices?ownerId=${u.id}`}>This user's devices</Link>
          </p>
        </section>
      </div>
    </>
  );
}
