import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { useIdentities } from '../api/list-identities';
import { PAGE_SIZE } from '../api/list-requests';
import { Pager } from './Pager';
import { RegisterIdentityForm } from './RegisterIdentityForm';

const KIND_WORDS = { enrollmentAgent: 'Enrollment agent (NDES RA)', computer: 'Computer account', caAdmin: 'CA administrator (console relay)' } as const;

/** The identities that may call the CA (a handful, so filtered and paged here), and registering a new one. */
export function IdentitiesPanel({ version, onChanged }: { version: number; onChanged: () => void }) {
  const identities = useIdentities(version);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState({ search: '', page: 1 });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ search: text.trim().toLowerCase(), page: 1 });
  };
  const all = identities.status === 'success' ? identities.data.items : [];
  const matching = all.filter((i) => !filter.search || [i.name, i.kind, i.template, ...i.enrollOn].some((v) => v.toLowerCase().includes(filter.search)));
  const shown = matching.slice((filter.page - 1) * PAGE_SIZE, filter.page * PAGE_SIZE);
  return (
    <>
      <form className="ca-search" role="search" aria-label="Identities" onSubmit={submit}>
        <input type="search" aria-label="Search identities" placeholder="Name, kind, template" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button--subtle">Search</button>
      </form>
      {identities.status === 'pending' ? <Spinner label="Reading identities…" /> : null}
      {identities.status === 'error' ? <ErrorMessage error={identities.error} /> : null}
      {identities.status === 'success' ? (
        <>
          <div className="ca-table-wrap">
            <table className="ca-table">
              <caption className="visually-hidden">Identities</caption>
              <thead>
                <tr>
                  <th scope="col">Identity</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Certificate</th>
                  <th scope="col">May enroll on</th>
                  <th scope="col">Registered</th>
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 ? <tr><td colSpan={5} className="muted">No identities match.</td></tr> : null}
                {shown.map((i) => (
                  <tr key={i.name}>
                    <th scope="row" className="mono">{i.name}</th>
                    <td>{KIND_WORDS[i.kind]}</td>
                    <td>
                      {i.certificateSerial ? <StatusBadge tone="success">Enrolled</StatusBadge> : <StatusBadge tone="warning">Awaiting enrollment</StatusBadge>}
                      {i.certificateSerial ? <div className="mono muted ca-serial">{i.certificateSerial}</div> : null}
                    </td>
                    <td className="mono">{i.enrollOn.join(', ')}</td>
                    <td>{new Date(i.createdAt).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={filter.page} pageSize={PAGE_SIZE} total={matching.length} onPage={(page) => setFilter({ ...filter, page })} />
        </>
      ) : null}
      <RegisterIdentityForm onCreated={onChanged} />
    </>
  );
}
