import { describe, expect, it } from 'vitest';
import { healthOf } from './connectors.service';

describe('connector health', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000);

  it.each([
    ['ok/heartbeat one interval ago is healthy', 60, 'healthy'],
    ['ok/heartbeat just under two intervals ago is healthy', 119, 'healthy'],
    ['fail/heartbeat two intervals ago is not responding', 120, 'notResponding'],
  ] as const)('%s', (_name, secondsAgo, expected) => {
    expect(healthOf({ lastHeartbeatAt: at(secondsAgo), heartbeatIntervalSeconds: 60 }, now)).toBe(expected);
  });

  it('fail/a connector that never sent a heartbeat is not responding', () => {
    expect(healthOf({ lastHeartbeatAt: null, heartbeatIntervalSeconds: 60 }, now)).toBe('notResponding');
  });
});
