import { describe, expect, it } from 'vitest';
import { effectiveStatus } from './effective-status';

describe('effectiveStatus', () => {
  it.each([
    ['ok/targeted and succeeded on this version', true, { version: 2, status: 'succeeded' as const }, 2, 'succeeded'],
    ['ok/targeted and failed on this version', true, { version: 2, status: 'failed' as const }, 2, 'failed'],
    ['ok/targeted, reported an older version: pending', true, { version: 1, status: 'succeeded' as const }, 2, 'pending'],
    ['ok/targeted, never reported: pending', true, undefined, 1, 'pending'],
    ['ok/re-targeted after removal: pending', true, { version: 1, status: 'removed' as const }, 1, 'pending'],
    ['ok/unassigned and removed', false, { version: 1, status: 'removed' as const }, 1, 'removed'],
    ['ok/unassigned, still installed: removal pending', false, { version: 1, status: 'succeeded' as const }, 1, 'pending'],
    ['ok/never targeted, never reported: hidden', false, undefined, 1, null],
  ])('%s', (_n, targeted, report, version, expected) => {
    expect(effectiveStatus(targeted, report, version)).toBe(expected);
  });
});
