import { type CreateProfileRequest, profileSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/profiles: the wizard's Review + create. */
export function createProfile(body: CreateProfileRequest) {
  return apiClient.post('/api/profiles', body, profileSchema);
}

export function useCreateProfile() {
  return useMutation(createProfile);
}
