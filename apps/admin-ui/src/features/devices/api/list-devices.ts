import { deviceSchema, pageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

const devicesPage = pageSchema(deviceSchema);

/** GET /api/devices?… */
export function listDevices(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/devices?${query}`, devicesPage, signal);
}

export function useDevices(query: string) {
  return useQuery(`devices?${query}`, (signal) => listDevices(query, signal), { refetchIntervalMs: 10_000 });
}
