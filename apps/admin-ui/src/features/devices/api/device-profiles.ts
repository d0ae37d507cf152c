import { deviceProfileListSchema, pageSchema, statusHistoryEntrySchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/device-profiles/:deviceId: effective profiles with "assigned via", and those that do not apply. */
export function getDeviceProfiles(deviceId: string, signal?: AbortSignal) {
  return apiClient.get(`/api/device-profiles/${encodeURIComponent(deviceId)}`, deviceProfileListSchema, signal);
}

/** GET /api/device-profiles/:deviceId/history?… */
export function getStatusHistory(deviceId: string, query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/device-profiles/${encodeURIComponent(deviceId)}/history?${query}`, pageSchema(statusHistoryEntrySchema), signal);
}

export function useDeviceProfiles(deviceId: string) {
  return useQuery(`device-profiles/${deviceId}`, (signal) => getDeviceProfiles(deviceId, signal), { refetchIntervalMs: 5_000 });
}

export function useStatusHistory(deviceId: string, query: string) {
  return useQuery(`device-profiles/${deviceId}/history?${query}`, (signal) => getStatusHistory(deviceId, query, signal), { refetchIntervalMs: 5_000 });
}
