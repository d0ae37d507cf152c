import type { PkcsRequest } from '@certlab/contracts';
import { StatusBadge } from '../../../components/StatusBadge';
import { stateBadge } from './request-state';

/** Where one request stands, in colour and words, with who holds it or why it failed underneath. */
export function PkcsRequestBadge({ request, detail = true }: { request: PkcsRequest; detail?: boolean }) {
  const b = stateBadge(request);
  return (
    <span className="pkcs-state">
      <StatusBadge tone={b.tone}>{b.label}</StatusBadge>
      {detail && b.detail ? <span className="pkcs-state__detail muted">{b.detail}</span> : null}
    </span>
  );
}
