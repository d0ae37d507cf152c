import { profileSchema, type UpdateProfileRequest } from '@certlab/contracts';
import { apiRequest } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** PATCH /api/profiles/:id: a new version. */
export function updateProfile({ id, ...body }: UpdateProfileRequest & { id: string }) {
  return apiRequest(`/api/profiles/${encodeURIComponent(id)}`, { method: 'PATCH', body, schema: profileSchema });
}

export function useUpdateProfile() {
  return useMutation(updateProfile);
}
