import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CERTIFICATE_TYPES_LABEL } from './labels';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageHeader } from '../../../components/PageHeader';
import { Spinner } from '../../../components/Spinner';
import { dateTime, relativeTime, thumbprint } from '../../../lib/format';
import { useIsAdministrator } from '../api/get-role';
import { usePkcsRequest } from '../api/get-pkcs-request';
import { useRetryPkcsRequest } from '../api/retry-pkcs-request';
import { PkcsRequestBadge } from './PkcsRequestBadge';
import { StepTimeline } from './StepTimeline';
import { isActive } from './request-state';
import '../pkcs-requests.css';

/** One PKCS request: its facts, the ten steps with its history, the delivered certificate, and Retry when it failed. */
export function PkcsRequestDetailPage() {
  const { id = '' } = useParams();
  const [live, setLive] = useState(true);
  const request = usePkcsRequest(id, live);
  const retry = useRetryPkcsRequest();
  const admin = useIsAdministrator();
  // Fast refresh while a connector or the device still has work to do (set during render, as React allows).
  const nowLive = request.data ? isActive(request.data) || request.data.state === 'issued' : true;
  if (nowLive !== live) setLive(nowLive);
  if (request.status === 'pending') return <Spinner label="Loading the request…" />;
  if (request.status === 'error') return <ErrorMessage error={request.error} />;
  const r = request.data;
  async function doRetry() {
    const res = await retry.mutate(r.id);
    if (res.ok) request.refetch();
  }
  return (
    <>
      <Link className="back-link" to={`/pkcs-requests?profileId=${r.profileId}`}>
        ← PKCS requests
      </Link>
      <PageHeader
        title={`${r.deviceName} · ${r.profileName}`}
        description={`PKCS request for profile version ${r.profileVersion} · ${CERTIFICATE_TYPES_LABEL[r.certificateType]} certificate`}
        actions={
          r.state === 'failed' && admin ? (
            <button type="button" className="button button--primary" disabled={retry.isPending} onClick={() => void doRetry()}>
              {retry.isPending ? 'Retrying…' : 'Retry'}
            </button>
          ) : null
        }
      />
      {retry.error ? <ErrorMessage error={retry.error} /> : null}
      <section className="panel" aria-label="Request">
        <h2 className="panel__title">Request</h2>
        <dl className="facts">
          <div><dt>State</dt><dd><PkcsRequestBadge request={r} /></dd></div>
          <div><dt>Device</dt><dd><Link to={`/devices/${r.deviceId}`}>{r.deviceName}</Link>{r.userPrincipalName ? ` (${r.userPrincipalName})` : ''}</dd></div>
          <div><dt>Profile</dt><dd><Link to={`/profiles/${r.profileId}?tab=requests`}>{r.profileName}</Link>, version {r.profileVersion}</dd></div>
          <div><dt>Certification authority</dt><dd className="mono">{r.caHost}\{r.caName}</dd></div>
          <div><dt>Template</dt><dd>{r.template}</dd></div>
          <div><dt>Subject</dt><dd className="mono">{r.subject ?? '—'}</dd></div>
          <div><dt>Subject alternative names</dt><dd className="mono">{r.subjectAlternativeNames.map((s) => `${s.type}: ${s.value}`).join(', ') || 'none'}</dd></div>
          <div><dt>Attempts</dt><dd>{r.attempts}{r.caRequestId !== null ? ` · CA request ${r.caRequestId}` : ''}</dd></div>
          <div><dt>Queued</dt><dd title={r.createdAt}>{dateTime(r.createdAt)}</dd></div>
          <div><dt>Last change</dt><dd title={r.updatedAt}>{relativeTime(r.updatedAt)}</dd></div>
          {r.failureReason ? <div><dt>Reason</dt><dd role="status">Step {r.failedStep}: {r.failureReason}</dd></div> : null}
        </dl>
      </section>
      <section className="panel" aria-label="Certificate">
        <h2 className="panel__title">Certificate</h2>
        {r.certificate ? (
          <dl className="facts">
            <div><dt>Subject</dt><dd className="mono">{r.certificate.subject}</dd></div>
            <div><dt>Issuer</dt><dd className="mono">{r.certificate.issuer}</dd></div>
            <div><dt>Serial number</dt><dd className="mono">{r.certificate.serialNumber}</dd></div>
            <div><dt>Thumbprint (SHA-1)</dt><dd className="mono" title={r.certificate.thumbprintSha1}>{thumbprint(r.certificate.thumbprintSha1, true)}</dd></div>
            <div><dt>Thumbprint (SHA-256)</dt><dd className="mono" title={r.certificate.thumbprintSha256}>{thumbprint(r.certificate.thumbprintSha256)}</dd></div>
            <div><dt>Expires</dt><dd title={r.certificate.notAfter}>{dateTime(r.certificate.notAfter)} ({relativeTime(r.certificate.notAfter)})</dd></div>
            <div><dt>Delivered</dt><dd>{r.deliveredAt ? dateTime(r.deliveredAt) : r.state === 'revoked' ? 'revoked at the CA' : 'not yet'}</dd></div>
          </dl>
        ) : (
          <p className="muted">No certificate yet: the CA issues it at step 6.</p>
        )}
      </section>
      <section className="panel" aria-label="Steps">
        <h2 className="panel__title">Steps {live ? <span className="muted">(live)</span> : null}</h2>
        <StepTimeline request={r} />
      </section>
    </>
  );
}
