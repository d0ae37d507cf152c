import { caCertificateListSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/profiles/ca-certificates: what the CA app publishes, to pick from. */
export function listCaCertificates(signal?: AbortSignal) {
  return apiClient.get('/api/profiles/ca-certificates', caCertificateListSchema, signal);
}

export function useCaCertificates() {
  return useQuery('profiles/ca-certificates', listCaCertificates);
}
