import { directoryGroupSchema, pageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

const groupsPage = pageSchema(directoryGroupSchema);

/** GET /api/directory/groups?… */
export function listGroups(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/directory/groups?${query}`, groupsPage, signal);
}

export function useGroups(query: string) {
  return useQuery(`directory/groups?${query}`, (signal) => listGroups(query, signal));
}
