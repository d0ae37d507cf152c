import { groupDetailSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/directory/groups/:id: direct members, parents, transitive counts. */
export function getGroup(id: string, signal?: AbortSignal) {
  return apiClient.get(`/api/directory/groups/${encodeURIComponent(id)}`, groupDetailSchema, signal);
}

export function useGroup(id: string) {
  return useQuery(`directory/groups/${id}`, (signal) => getGroup(id, signal));
}
