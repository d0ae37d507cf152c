import { type CaIdentityCreateRequest, caIdentityCreateResponseSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';
import { CA_BASE } from './get-authorities';

/** POST …/identities: registers a computer identity; the answer carries its one-time token. */
export function createIdentity(body: CaIdentityCreateRequest) {
  return apiClient.post(`${CA_BASE}/identities`, body, caIdentityCreateResponseSchema);
}

export function useCreateIdentity() {
  return useMutation(createIdentity);
}
