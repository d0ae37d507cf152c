import { caIdentityListSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';
import { CA_BASE } from './get-authorities';

/** GET /api/certificate-authorities/identities: who may call the CA, with the templates each may enroll on. */
export function listIdentities(signal?: AbortSignal) {
  return apiClient.get(`${CA_BASE}/identities`, caIdentityListSchema, signal);
}

export function useIdentities(version: number) {
  return useQuery(`ca/identities/${version}`, listIdentities);
}
