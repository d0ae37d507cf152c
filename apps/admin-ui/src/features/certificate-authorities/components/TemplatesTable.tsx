import { ErrorMessage } from '../../../components/ErrorMessage';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { useTemplates } from '../api/get-templates';

const yes = (on: boolean, word: string) => (on ? <StatusBadge tone="warning">{word}</StatusBadge> : <span className="muted">No</span>);

/** The published templates and what each decides about a request. */
export function TemplatesTable() {
  const templates = useTemplates();
  if (templates.status === 'pending') return <Spinner label="Reading templates…" />;
  if (templates.status === 'error') return <ErrorMessage error={templates.error} />;
  return (
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
          {templates.data.items.map((t) => (
            <tr key={t.name}>
              <th scope="row">
                <span className="mono">{t.name}</span>
                <div className="muted">{t.purpose}</div>
              </th>
              <td>{t.extendedKeyUsage.join(', ')}</td>
              <td>{t.validityDays} days</td>
              <td>{t.minimumRsaKeyBits} bits</td>
              <td>{t.subjectSource === 'request' ? 'Supplied in the request' : 'Built from the directory'}</td>
              <td>{t.allowPrivateKeyExport ? 'Allowed' : <span className="muted">No</span>}</td>
              <td>{yes(t.requiresRaSignature, 'Required')}</td>
              <td>{yes(t.requiresApproval, 'CA manager')}</td>
              <td className="mono">{t.enroll.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
