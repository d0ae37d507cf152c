import type { HealthResponse, PlatformHealth, SessionUser } from '@certlab/contracts';

type Service = PlatformHealth['services'][number];

export function aUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return { username: 'adele', displayName: 'Adele Vance', role: 'administrator', ...overrides };
}

export function aHealth(overrides: Partial<HealthResponse> = {}): HealthResponse {
  return {
    service: 'mdm-cloud',
    version: '0.1.0',
    status: 'ok',
    uptimeSeconds: 3_720,
    database: { status: 'up', driver: 'pglite', latencyMs: 2 },
    ...overrides,
  };
}

export function aService(overrides: Partial<Service> = {}): Service {
  return { name: 'mdm-cloud', url: 'http://localhost:3000', reachable: true, health: aHealth(), ...overrides };
}

export const unauthorized = { title: 'Unauthorized', detail: 'Sign in to use the console.' } as const;
