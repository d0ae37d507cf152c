import type { CertificateSummary } from '@certlab/contracts';
import { useState } from 'react';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime, thumbprint } from '../../../lib/format';

/** A CA certificate's identity: subject, issuer, validity and thumbprints. */
export function CertificateFacts({ cert }: { cert: CertificateSummary }) {
  const [now] = useState(() => Date.now());
  const valid = new Date(cert.notBefore).getTime() <= now && now <= new Date(cert.notAfter).getTime();
  return (
    <dl className="facts" aria-label="Certificate">
      <div><dt>Subject</dt><dd>{cert.subject}</dd></div>
      <div><dt>Issuer</dt><dd>{cert.issuer}{cert.selfSigned ? ' (self-signed root)' : ''}</dd></div>
      <div><dt>Valid</dt><dd>{dateTime(cert.notBefore)} – {dateTime(cert.notAfter)} {valid ? <StatusBadge tone="success">Valid</StatusBadge> : <StatusBadge tone="danger">Not valid now</StatusBadge>}</dd></div>
      <div><dt>Key</dt><dd>{cert.keyAlgorithm}{cert.pathLength !== null ? `, path length ${cert.pathLength}` : ''}</dd></div>
      <div><dt>Serial</dt><dd className="mono">{cert.serialNumber}</dd></div>
      <div><dt>SHA-1</dt><dd className="mono" title={cert.thumbprintSha1}>{thumbprint(cert.thumbprintSha1, true)}</dd></div>
      <div><dt>SHA-256</dt><dd className="mono" title={cert.thumbprintSha256}>{thumbprint(cert.thumbprintSha256, true)}</dd></div>
    </dl>
  );
}
