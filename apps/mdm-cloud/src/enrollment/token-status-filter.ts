import type { SelectQueryBuilder } from 'typeorm';
import type { OneTimeTokenStatus } from './one-time-token';

/** The SQL twin of `oneTimeTokenStatus`, for filtering token lists by status. */
export function whereTokenStatus<T extends object>(qb: SelectQueryBuilder<T>, alias: string, status: OneTimeTokenStatus | undefined): void {
  if (status === 'used') qb.andWhere(`${alias}.usedAt IS NOT NULL`);
  if (status === 'active') qb.andWhere(`${alias}.usedAt IS NULL AND ${alias}.expiresAt > now()`);
  if (status === 'expired') qb.andWhere(`${alias}.usedAt IS NULL AND ${alias}.expiresAt <= now()`);
}
