import { directoryGroupSchema, pageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

const groupsPage = pageSchema(directoryGroupSchema);

/** GET /api/directory/groups: the groups a profile can be assigned to. */
export function listAssignableGroups(search: string, signal?: AbortSignal) {
  return apiClient.get(`/api/directory/groups?pageSize=200&sort=name&search=${encodeURIComponent(search)}`, groupsPage, signal);
}

export function useAssignableGroups(search = '') {
  return useQuery(`profiles/groups?${search}`, (signal) => listAssignableGroups(search, signal));
}
