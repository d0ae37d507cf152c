import type { PkcsRequestState } from '@certlab/contracts';

/**
 * The lease rules of the PKCS queue, as pure functions the service applies inside its
 * transactions (and the table tests check):
 * - a request is leasable when queued, or leased with its lease run out (the connector died);
 * - each lease counts an attempt, and the attempt number is the lease's token: a completion must
 *   name the attempt it holds, so a connector whose lease was taken over is refused;
 * - a lease that ran out but was not taken over yet is still honoured (nobody else holds it);
 * - only a failed request can be retried, and a retry starts from the queue.
 */
export interface LeaseView {
  state: PkcsRequestState;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  attempts: number;
}

export function isLeasable(row: LeaseView, now: Date): boolean {
  return row.state === 'queued' || (row.state === 'leased' && row.leaseExpiresAt !== null && row.leaseExpiresAt.getTime() <= now.getTime());
}

export function leaseTo(row: LeaseView, connectorId: string, now: Date, leaseSeconds: number): LeaseView {
  if (!isLeasable(row, now)) throw new Error(`a ${row.state} request cannot be leased`);
  return { state: 'leased', leaseOwner: connectorId, leaseExpiresAt: new Date(now.getTime() + leaseSeconds * 1000), attempts: row.attempts + 1 };
}

export type CompletionCheck = { ok: true } | { ok: false; why: 'notLeased' | 'otherConnector' | 'staleAttempt' };

export function checkCompletion(row: LeaseView, connectorId: string, attempt: number): CompletionCheck {
  if (row.state !== 'leased') return { ok: false, why: 'notLeased' };
  if (row.leaseOwner !== connectorId) return { ok: false, why: 'otherConnector' };
  if (row.attempts !== attempt) return { ok: false, why: 'staleAttempt' };
  return { ok: true };
}

export const COMPLETION_REFUSALS: Record<Exclude<CompletionCheck, { ok: true }>['why'], string> = {
  notLeased: 'the request is not leased (it was completed, failed or returned to the queue)',
  otherConnector: 'the lease ran out and another connector holds the request now',
  staleAttempt: 'the lease ran out and the request was leased again; this attempt is void',
};

export function canRetry(row: Pick<LeaseView, 'state'>): boolean {
  return row.state === 'failed';
}
