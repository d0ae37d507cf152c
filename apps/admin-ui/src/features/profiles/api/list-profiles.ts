import { pageSchema, profileSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

const profilesPage = pageSchema(profileSchema);

/** GET /api/profiles?… */
export function listProfiles(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/profiles?${query}`, profilesPage, signal);
}

export function useProfiles(query: string) {
  return useQuery(`profiles?${query}`, (signal) => listProfiles(query, signal), { refetchIntervalMs: 15_000 });
}
