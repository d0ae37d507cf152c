import { pageSchema, profileSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

const profilesPage = pageSchema(profileSchema);

/** GET /api/profiles?type=pkcs: the profile filter's choices. */
export function listPkcsProfiles(signal?: AbortSignal) {
  return apiClient.get('/api/profiles?type=pkcs&pageSize=100&sort=name', profilesPage, signal);
}

export function usePkcsProfiles() {
  return useQuery('pkcs/profiles', listPkcsProfiles);
}
