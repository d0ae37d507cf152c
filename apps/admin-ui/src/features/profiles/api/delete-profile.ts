import { apiRequest } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** DELETE /api/profiles/:id: devices remove what it installed. */
export function deleteProfile(id: string) {
  return apiRequest(`/api/profiles/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteProfile() {
  return useMutation(deleteProfile);
}
