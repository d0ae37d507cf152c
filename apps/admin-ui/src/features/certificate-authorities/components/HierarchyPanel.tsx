import type { CaAuthority } from '@certlab/contracts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { certificateDownloadUrl, crlDownloadUrl, useAuthorities } from '../api/get-authorities';

const when = (iso: string) => new Date(iso).toLocaleString();

function CaCard({ ca, readAt }: { ca: CaAuthority; readAt: number }) {
  const expired = new Date(ca.notAfter).getTime() < readAt;
  return (
    <article className="card ca-card" aria-label={ca.name}>
      <header className="ca-card__header">
        <h3>{ca.name}</h3>
        <StatusBadge tone={ca.role === 'root' ? 'neutral' : 'info'}>{ca.role === 'root' ? 'Offline root' : 'Issuing CA'}</StatusBadge>
        <StatusBadge tone={expired ? 'danger' : 'success'}>{expired ? 'Expired' : 'Valid'}</StatusBadge>
      </header>
      <dl className="facts">
        <div><dt>Subject</dt><dd>{ca.subject}</dd></div>
        <div><dt>Issuer</dt><dd>{ca.issuer}</dd></div>
        <div><dt>Serial number</dt><dd className="mono">{ca.serialNumber}</dd></div>
        <div><dt>SHA-1 thumbprint</dt><dd className="mono">{ca.thumbprintSha1}</dd></div>
        <div><dt>SHA-256 thumbprint</dt><dd className="mono ca-wrap">{ca.thumbprintSha256}</dd></div>
        <div><dt>Valid</dt><dd>{when(ca.notBefore)} – {when(ca.notAfter)}</dd></div>
        <div><dt>Key</dt><dd>{ca.keyType} · {ca.signatureAlgorithm}</dd></div>
        <div><dt>AIA</dt><dd className="mono">{ca.aiaUrl}</dd></div>
      </dl>
      <section className="ca-crl" aria-label={`CRL of ${ca.name}`}>
        <h4>Certificate revocation list</h4>
        <dl className="facts">
          <div><dt>CRL number</dt><dd data-testid={`crl-number-${ca.name}`}>{ca.crl.crlNumber}</dd></div>
          <div><dt>This update</dt><dd>{when(ca.crl.thisUpdate)}</dd></div>
          <div><dt>Next update</dt><dd>{when(ca.crl.nextUpdate)}</dd></div>
          <div><dt>Revoked entries</dt><dd>{ca.crl.entries}</dd></div>
          <div><dt>CDP</dt><dd className="mono">{ca.crl.url}</dd></div>
        </dl>
      </section>
      <div className="ca-card__actions">
        <a className="button button--subtle" href={certificateDownloadUrl(ca.name)} download>Download certificate</a>
        <a className="button button--subtle" href={crlDownloadUrl(ca.name)} download>Download CRL</a>
      </div>
    </article>
  );
}

/** The hierarchy: the offline root, then each issuing CA it signed. */
export function HierarchyPanel({ version }: { version: number }) {
  const cas = useAuthorities(version);
  if (cas.status === 'pending') return <Spinner label="Asking the CA…" />;
  if (cas.status === 'error') return <ErrorMessage error={cas.error} />;
  // Validity is judged at the moment the list was read, so a render stays pure.
  const readAt = cas.updatedAt ?? 0;
  const root = cas.data.items.filter((c) => c.role === 'root');
  const issuing = cas.data.items.filter((c) => c.role === 'issuing');
  return (
    <div className="ca-hierarchy">
      {root.map((r) => <CaCard key={r.name} ca={r} readAt={readAt} />)}
      <div className="ca-hierarchy__children" aria-label="Issuing CAs">
        {issuing.map((c) => <CaCard key={c.name} ca={c} readAt={readAt} />)}
      </div>
    </div>
  );
}
