import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { type CertificateFilter, useCertificates } from '../api/list-certificates';
import { PAGE_SIZE } from '../api/list-requests';
import { useUnrevokeCertificate } from '../api/unrevoke-certificate';
import { Pager } from './Pager';
import { RevokeDialog } from './RevokeDialog';
import { SearchBar } from './SearchBar';

/** Issued and revoked certificates, with Revoke (and Release for a hold). */
export function CertificatesPanel({ version, onChanged, initialStatus }: { version: number; onChanged: () => void; initialStatus?: 'issued' | 'revoked' }) {
  const [filter, setFilter] = useState<CertificateFilter>({ page: 1, ...(initialStatus ? { status: initialStatus } : {}) });
  const [revoking, setRevoking] = useState<{ serialNumber: string; subject: string }>();
  const certs = useCertificates(filter, version);
  const release = useUnrevokeCertificate();
  return (
    <>
      <SearchBar
        label="Certificates"
        status={filter.status ?? ''}
        statuses={[{ value: '', label: 'Issued and revoked' }, { value: 'issued', label: 'Issued' }, { value: 'revoked', label: 'Revoked' }]}
        onChange={({ search, status }) => setFilter({ page: 1, ...(search ? { search } : {}), ...(status ? { status } : {}) })}
      />
      {release.error ? <ErrorMessage className="message--inline" error={release.error} /> : null}
      {certs.status === 'pending' ? <Spinner label="Reading certificates…" /> : null}
      {certs.status === 'error' ? <ErrorMessage error={certs.error} /> : null}
      {certs.status === 'success' ? (
        <>
          <div className="ca-table-wrap">
            <table className="ca-table">
              <caption className="visually-hidden">Certificates</caption>
              <thead>
                <tr>
                  <th scope="col">Serial number</th>
                  <th scope="col">Status</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Template</th>
                  <th scope="col">Request ID</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Revocation</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {certs.data.items.length === 0 ? (
                  <tr><td colSpan={8} className="muted">No certificates match.</td></tr>
                ) : null}
                {certs.data.items.map((c) => (
                  <tr key={c.serialNumber}>
                    <td className="mono ca-serial">{c.serialNumber}</td>
                    <td>
                      {c.status === 'issued' ? (
                        <StatusBadge tone="success">Issued</StatusBadge>
                      ) : c.revocationReason === 'certificateHold' ? (
                        <StatusBadge tone="warning">On hold</StatusBadge>
                      ) : (
                        <StatusBadge tone="danger">Revoked</StatusBadge>
                      )}
                    </td>
                    <td>{c.subject}</td>
                    <td className="mono">{c.template}</td>
                    <td>{c.requestId}</td>
                    <td>{new Date(c.notAfter).toLocaleDateString()}</td>
                    <td>{c.revokedAt ? `${c.revocationReason} · ${new Date(c.revokedAt).toLocaleString()} · ${c.revokedBy ?? ''}` : ''}</td>
                    <td>
                      <div className="ca-row-actions">
                        {c.status === 'issued' || c.revocationReason === 'certificateHold' ? (
                          <button type="button" className="button button--subtle" onClick={() => setRevoking({ serialNumber: c.serialNumber, subject: c.subject })}>
                            Revoke
                          </button>
                        ) : null}
                        {c.revocationReason === 'certificateHold' ? (
                          <button
                            type="button"
                            className="button button--subtle"
                            disabled={release.isPending}
                            onClick={() => void release.mutate({ serialNumber: c.serialNumber }).then((o) => o.ok && onChanged())}
                          >
                            Release hold
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={filter.page} pageSize={PAGE_SIZE} total={certs.data.total} onPage={(page) => setFilter({ ...filter, page })} />
        </>
      ) : null}
      {revoking ? (
        <RevokeDialog
          {...revoking}
          onClose={() => setRevoking(undefined)}
          onRevoked={() => {
            setRevoking(undefined);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}
