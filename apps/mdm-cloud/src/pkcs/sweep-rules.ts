import type { CaRevocationReason, PkcsRequestState } from '@certlab/contracts';

export type SweepAction = { kind: 'cancel'; why: string } | { kind: 'revoke'; reason: CaRevocationReason; why: string };

export interface SweepRow {
  state: PkcsRequestState;
  profileVersion: number;
}

/**
 * What happens to one of a device's PKCS requests, given the version of its profile in effect for
 * the device now (undefined: the device no longer has the profile) and whether that current
 * version is already delivered:
 * - profile gone: unfinished requests are cancelled, issued or delivered certificates revoked
 *   (cessationOfOperation: the device stopped using it, nothing was compromised);
 * - an older version: unfinished requests are cancelled, a certificate that never reached the
 *   device is revoked as superseded at once, and a delivered one only when the new version is
 *   delivered, so the device is never left without a certificate in between;
 * - the current version: nothing.
 */
export function sweepAction(row: SweepRow, currentVersion: number | undefined, currentDelivered: boolean): SweepAction | null {
  const unfinished = row.state === 'queued' || row.state === 'leased' || row.state === 'failed';
  if (currentVersion === undefined) {
    if (unfinished) return { kind: 'cancel', why: 'the device no longer has the profile' };
    if (row.state === 'issued' || row.state === 'delivered') return { kind: 'revoke', reason: 'cessationOfOperation', why: 'the device no longer has the profile' };
    return null;
  }
  if (row.profileVersion >= currentVersion) return null;
  const why = `superseded by profile version ${currentVersion}`;
  if (unfinished) return { kind: 'cancel', why };
  if (row.state === 'issued') return { kind: 'revoke', reason: 'superseded', why };
  if (row.state === 'delivered' && currentDelivered) return { kind: 'revoke', reason: 'superseded', why: `${why}, now delivered` };
  return null;
}
