import { type CreateGroupRequest, groupDetailSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/directory/groups */
export function createGroup(body: CreateGroupRequest) {
  return apiClient.post('/api/directory/groups', body, groupDetailSchema);
}

export function useCreateGroup() {
  return useMutation(createGroup);
}
