import { CA_REVOCATION_REASONS, type CaRevocationReason } from '@certlab/contracts';
import { useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useRevokeCertificate } from '../api/revoke-certificate';

const WORDS: Record<CaRevocationReason, string> = {
  unspecified: 'Unspecified',
  keyCompromise: 'Key compromise',
  cACompromise: 'CA compromise',
  affiliationChanged: 'Affiliation changed',
  superseded: 'Superseded',
  cessationOfOperation: 'Cessation of operation',
  certificateHold: 'Certificate hold (can be released)',
  privilegeWithdrawn: 'Privilege withdrawn',
};

/** Asks why before revoking: the reason goes into the CRL entry and the OCSP answer. */
export function RevokeDialog({ serialNumber, subject, onClose, onRevoked }: { serialNumber: string; subject: string; onClose: () => void; onRevoked: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<CaRevocationReason>('keyCompromise');
  const revoke = useRevokeCertificate();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  const confirm = async () => {
    const outcome = await revoke.mutate({ serialNumber, reason });
    if (outcome.ok) onRevoked();
  };
  return (
    <dialog ref={ref} className="ca-dialog" aria-labelledby="revoke-title" onCancel={onClose}>
      <h2 id="revoke-title">Revoke certificate</h2>
      <p>
        <strong>{subject}</strong>
        <br />
        <span className="mono">{serialNumber}</span>
      </p>
      <label className="field">
        <span>Reason</span>
        <select aria-label="Reason" value={reason} onChange={(e) => setReason(e.target.value as CaRevocationReason)}>
          {CA_REVOCATION_REASONS.map((r) => (
            <option key={r} value={r}>{WORDS[r]}</option>
          ))}
        </select>
      </label>
      <p className="muted">The CA publishes a new CRL at once; OCSP answers revoked from now on.</p>
      {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
      <div className="ca-row-actions">
        <button type="button" className="button button--primary" disabled={revoke.isPending} onClick={() => void confirm()}>
          {revoke.isPending ? 'Revoking…' : 'Revoke'}
        </button>
        <button type="button" className="button button--subtle" onClick={onClose}>Cancel</button>
      </div>
    </dialog>
  );
}
