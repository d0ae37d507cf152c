import { deviceSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/devices/:id */
export function getDevice(id: string, signal?: AbortSignal) {
  return apiClient.get(`/api/devices/${encodeURIComponent(id)}`, deviceSchema, signal);
}

export function useDevice(id: string) {
  return useQuery(`devices/${id}`, (signal) => getDevice(id, signal), { refetchIntervalMs: 5_000 });
}
