import { describe, expect, it } from 'vitest';
import { aHealth, aService } from '../../testing/data';
import { serviceStatus, type ServiceHealth, type ServiceStatus } from './service-status';

describe('serviceStatus', () => {
  const cases: [string, ServiceHealth, ServiceStatus][] = [
    ['ok/answers ok', aService(), 'healthy'],
    ['ok/answers degraded', aService({ health: aHealth({ status: 'degraded' }) }), 'degraded'],
    ['ok/answers without a health body', aService({ health: undefined }), 'degraded'],
    ['ok/no answer', aService({ reachable: false, health: undefined, error: 'ECONNREFUSED' }), 'unreachable'],
  ];

  it.each(cases)('%s', (_name, service, expected) => {
    expect(serviceStatus(service)).toBe(expected);
  });
});
