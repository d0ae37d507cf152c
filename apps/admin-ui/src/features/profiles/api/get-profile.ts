import { profileSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/profiles/:id */
export function getProfile(id: string, signal?: AbortSignal) {
  return apiClient.get(`/api/profiles/${encodeURIComponent(id)}`, profileSchema, signal);
}

/** Refreshes every few seconds: device statuses change while the admin watches. */
export function useProfile(id: string) {
  return useQuery(`profiles/${id}`, (signal) => getProfile(id, signal), { refetchIntervalMs: 5_000 });
}
