import { caAuthorityListSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/certificate-authorities/cas (the cloud's CA relay): the issuing CAs a PKCS profile may name. */
export function listCaAuthorities(signal?: AbortSignal) {
  return apiClient.get('/api/certificate-authorities/cas', caAuthorityListSchema, signal);
}

export function useCaAuthorities() {
  return useQuery('profiles/ca-authorities', listCaAuthorities);
}
