import { describe, expect, it } from 'vitest';
import { sweepAction } from './sweep-rules';

describe('sweepAction', () => {
  const cases = [
    ['ok/current version untouched', { state: 'delivered', profileVersion: 2 }, 2, true, null],
    ['ok/profile gone: queued is cancelled', { state: 'queued', profileVersion: 1 }, undefined, false, 'cancel'],
    ['ok/profile gone: leased is cancelled', { state: 'leased', profileVersion: 1 }, undefined, false, 'cancel'],
    ['ok/profile gone: failed is cancelled (no retry for a device without the profile)', { state: 'failed', profileVersion: 1 }, undefined, false, 'cancel'],
    ['ok/profile gone: delivered is revoked cessationOfOperation', { state: 'delivered', profileVersion: 1 }, undefined, false, 'revoke:cessationOfOperation'],
    ['ok/profile gone: issued is revoked cessationOfOperation', { state: 'issued', profileVersion: 1 }, undefined, false, 'revoke:cessationOfOperation'],
    ['ok/profile gone: already revoked stays', { state: 'revoked', profileVersion: 1 }, undefined, false, null],
    ['ok/older version: queued is cancelled', { state: 'queued', profileVersion: 1 }, 2, false, 'cancel'],
    ['ok/older version: issued never reached the device, revoked superseded', { state: 'issued', profileVersion: 1 }, 2, false, 'revoke:superseded'],
    ['ok/older version: delivered kept until the new one is delivered', { state: 'delivered', profileVersion: 1 }, 2, false, null],
    ['ok/older version: delivered revoked superseded once the new one is delivered', { state: 'delivered', profileVersion: 1 }, 2, true, 'revoke:superseded'],
  ] as const;
  it.each(cases)('%s', (_name, row, current, delivered, expected) => {
    const action = sweepAction(row, current, delivered);
    expect(action === null ? null : action.kind === 'cancel' ? 'cancel' : `revoke:${action.reason}`).toBe(expected);
  });
});
