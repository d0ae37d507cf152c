import { platformHealthSchema, type PlatformHealth } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/platform/health: every certlab service as the cloud sees it. */
export function getPlatformHealth(signal?: AbortSignal): Promise<PlatformHealth> {
  return apiClient.get('/api/platform/health', platformHealthSchema, signal);
}

export const PLATFORM_HEALTH_REFRESH_MS = 10_000;

export function usePlatformHealth() {
  return useQuery('platform/health', getPlatformHealth, { refetchIntervalMs: PLATFORM_HEALTH_REFRESH_MS });
}
