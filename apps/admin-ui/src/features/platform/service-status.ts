import type { PlatformHealth } from '@certlab/contracts';
import type { BadgeTone } from '../../components/StatusBadge';

export type ServiceHealth = PlatformHealth['services'][number];

/** How the console words a service's state, and the badge colour that goes with it. */
export const SERVICE_STATUS = {
  healthy: { label: 'Healthy', tone: 'success' },
  degraded: { label: 'Degraded', tone: 'warning' },
  unreachable: { label: 'Unreachable', tone: 'danger' },
} as const satisfies Record<string, { label: string; tone: BadgeTone }>;

export type ServiceStatus = keyof typeof SERVICE_STATUS;

/**
 * Unreachable when the cloud got no answer; healthy only when the service says `ok` (every
 * dependency up); anything else that answered, including an answer without a health body, is degraded.
 */
export function serviceStatus(service: ServiceHealth): ServiceStatus {
  if (!service.reachable) return 'unreachable';
  return service.health?.status === 'ok' ? 'healthy' : 'degraded';
}

export const DATABASE_DRIVERS = {
  postgres: 'PostgreSQL',
  pglite: 'PGlite (embedded)',
} as const;

export const DATABASE_STATUS = {
  up: { label: 'Up', tone: 'success' },
  down: { label: 'Down', tone: 'danger' },
} as const satisfies Record<string, { label: string; tone: BadgeTone }>;
