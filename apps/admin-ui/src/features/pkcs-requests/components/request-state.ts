import { PKCS_REQUEST_STATES, PKCS_STEPS, type PkcsRequest, type PkcsStep } from '@certlab/contracts';
import type { BadgeTone } from '../../../components/StatusBadge';

/** Requests a connector has yet to finish: the console refreshes every few seconds while any exists. */
export const isActive = (r: Pick<PkcsRequest, 'state'>) => r.state === 'queued' || r.state === 'leased';

/** The badge of a request: its state in words and colour, with the detail that matters for that state. */
export function stateBadge(r: PkcsRequest): { tone: BadgeTone; label: string; detail: string | null } {
  if (r.state === 'leased' && r.leaseExpired) return { tone: 'warning', label: 'Lease expired', detail: `${r.leaseOwnerConnectorName ?? 'the connector'} stopped answering — will be re-leased` };
  const s = PKCS_REQUEST_STATES[r.state];
  if (r.state === 'leased') return { tone: s.tone, label: 'Leased', detail: `by ${r.leaseOwnerConnectorName ?? r.leaseOwnerConnectorId ?? 'a connector'}${r.leaseExpiresAt ? ` until ${new Date(r.leaseExpiresAt).toLocaleTimeString()}` : ''}` };
  if (r.state === 'failed') return { tone: s.tone, label: `Failed at step ${r.failedStep ?? r.step}`, detail: r.failureReason };
  if (r.state === 'issued') return { tone: s.tone, label: s.label, detail: stepName(r.step) };
  return { tone: s.tone, label: s.label, detail: null };
}

export function stepName(step: number): string {
  return PKCS_STEPS[step as PkcsStep] ?? `step ${step}`;
}
