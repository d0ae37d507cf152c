import { createHash, randomBytes } from 'node:crypto';

/**
 * One-time secrets (enrollment and connector registration tokens): 192 random bits, shown once,
 * stored as SHA-256. A hash without salt is enough for a uniformly random secret of this size.
 */
export function newOneTimeToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type OneTimeTokenStatus = 'active' | 'used' | 'expired';

export function oneTimeTokenStatus(row: { usedAt: Date | null; expiresAt: Date }, now = new Date()): OneTimeTokenStatus {
  if (row.usedAt) return 'used';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}
