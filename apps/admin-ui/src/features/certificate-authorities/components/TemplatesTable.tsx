import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { useTemplates } from '../api/get-templates';
import { PAGE_SIZE } from '../api/list-requests';
import { Pager } from './Pager';

const yes = (on: boolean, word: string) => (on ? <StatusBadge tone="warning">{word}</StatusBadge> : <span className="muted">No</span>);

/** The published templates and what each decides about a request; a short list, filtered and paged here. */
export function TemplatesTable() {
  const templates = useTemplates();
  const [text, setText] = useState('');
  const [filter, setFilter] = useState({ search: '', page: 1 });
  if (templates.status === 'pending') return <Spinner label="Reading templates…" />;
  if (templates.status === 'error') return <ErrorMessage error={templates.error} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ search: text.trim().toLowerCase(), page: 1 });
  };
  const matching = templates.data.items.filter(
    (t) => !filter.search || [t.name, t.displayName, t.purpose, ...t.extendedKeyUsage, ...t.enroll].some((v) => v.toLowerCase().includes(filter.search)),
  );
  const shown = matching.slice((filter.page - 1) * PAGE_SIZE, filter.page * PAGE_SIZE);
  return (
    <>
    <form className="ca-search" role="search" aria-label="Templates" onSubmit={submit}>
      <input type="search" aria-label="Search templates" placeholder="Name, purpose, EKU, identity" value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button button--subtle">Search</button>
    </form>
    <div className="ca-table-wrap">
      <table className="ca-table">
        <caption className="visually-hidden">Certificate templates</caption>
        <thead>
          <tr>
            <th scope="col">Template</th>
            <th scope="col">Extended key usage</th>
            <th scope="col">Validity</th>
            <th scope="col">Min. RSA key</th>
            <th scope="col">Subject</th>
            <th scope="col">Key export</th>
            <th scope="col">RA signature</th>
            <th scope="col">Approval</th>
            <th scope="col">Enroll</th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 ? <tr><td colSpan={9} className="muted">No templates match.</td></tr> : null}
          {shown.map((t) => (
            <tr key={t.name}>
              <th scope="row">
                <span className="mono">{t.name}</span>
                <div className="muted ca-purpose">{t.purpose}</div>
              </th>
              <td>{t.extendedKeyUsage.join(', ')}</td>
              <td>{t.validityDays} days</td>
              <td>{t.minimumRsaKeyBits} bits</td>
              <td>{t.subjectSource === 'request' ? 'Supplied in the request' : 'Built from the directory'}</td>
              <td>{t.allowPrivateKeyExport ? 'Allowed' : <span className="muted">No</span>}</td>
              <td>{yes(t.requiresRaSignature, 'Required')}</td>
              <td>{yes(t.requiresApproval, 'CA manager')}</td>
              <td>
                <ul className="ca-names">
                  {t.enroll.map((who) => <li key={who} className="mono">{who}</li>)}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <Pager page={filter.page} pageSize={PAGE_SIZE} total={matching.length} onPage={(page) => setFilter({ ...filter, page })} />
    </>
  );
}
