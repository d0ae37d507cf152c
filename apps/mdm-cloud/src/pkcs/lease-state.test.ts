import { describe, expect, it } from 'vitest';
import { type LeaseView, canRetry, checkCompletion, isLeasable, leaseTo } from './lease-state';

const now = new Date('2026-11-30T10:00:00Z');
const past = new Date(now.getTime() - 1000);
const future = new Date(now.getTime() + 60_000);
const row = (over: Partial<LeaseView>): LeaseView => ({ state: 'queued', leaseOwner: null, leaseExpiresAt: null, attempts: 0, ...over });

describe('PKCS lease rules', () => {
  it.each([
    ['ok/queued', row({}), true],
    ['ok/leased and expired (the connector died)', row({ state: 'leased', leaseOwner: 'a', leaseExpiresAt: past, attempts: 1 }), true],
    ['fail/leased and live', row({ state: 'leased', leaseOwner: 'a', leaseExpiresAt: future, attempts: 1 }), false],
    ['fail/issued', row({ state: 'issued' }), false],
    ['fail/delivered', row({ state: 'delivered' }), false],
    ['fail/failed (needs a retry)', row({ state: 'failed' }), false],
  ])('%s', (_name, r, expected) => {
    expect(isLeasable(r, now)).toBe(expected);
  });

  it('a lease counts an attempt and sets owner and expiry', () => {
    const sut = leaseTo(row({ state: 'leased', leaseOwner: 'a', leaseExpiresAt: past, attempts: 1 }), 'b', now, 30);
    expect(sut).toEqual({ state: 'leased', leaseOwner: 'b', leaseExpiresAt: new Date(now.getTime() + 30_000), attempts: 2 });
  });

  it('refuses to lease a live lease', () => {
    expect(() => leaseTo(row({ state: 'leased', leaseOwner: 'a', leaseExpiresAt: future, attempts: 1 }), 'b', now, 30)).toThrow('cannot be leased');
  });

  it.each([
    ['ok/owner with its attempt', row({ state: 'leased', leaseOwner: 'a', leaseExpiresAt: future, attempts: 2 }), 'a', 2, { ok: true }],
    ['ok/expired but not taken over', row({ state: 'leased', leaseOwner: 'a', leaseExpiresAt: past, attempts: 2 }), 'a', 2, { ok: true }],
    ['fail/taken over by another connector', row({ state: 'leased', leaseOwner: 'b', leaseExpiresAt: future, attempts: 3 }), 'a', 2, { ok: false, why: 'otherConnector' }],
    ['fail/same connector, older attempt', row({ state: 'leased', leaseOwner: 'a', leaseExpiresAt: future, attempts: 3 }), 'a', 2, { ok: false, why: 'staleAttempt' }],
    ['fail/already issued (completion repeated)', row({ state: 'issued', attempts: 2 }), 'a', 2, { ok: false, why: 'notLeased' }],
    ['fail/back in the queue', row({ state: 'queued', attempts: 2 }), 'a', 2, { ok: false, why: 'notLeased' }],
  ])('completion %s', (_name, r, connector, attempt, expected) => {
    expect(checkCompletion(r, connector, attempt)).toEqual(expected);
  });

  it.each([
    ['ok/failed', 'failed', true],
    ['fail/queued', 'queued', false],
    ['fail/leased', 'leased', false],
    ['fail/issued', 'issued', false],
    ['fail/delivered', 'delivered', false],
  ] as const)('retry %s', (_name, state, expected) => {
    expect(canRetry({ state })).toBe(expected);
  });
});
