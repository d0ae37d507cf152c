import { pkcsRequestPageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/pkcs/requests?profileId=…: the Requests tab of a PKCS profile. */
export function listProfilePkcsRequests(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/pkcs/requests?${query}`, pkcsRequestPageSchema, signal);
}

export function useProfilePkcsRequests(query: string, live: boolean) {
  return useQuery(`profiles/pkcs-requests?${query}`, (signal) => listProfilePkcsRequests(query, signal), { refetchIntervalMs: live ? 3_000 : 15_000 });
}
