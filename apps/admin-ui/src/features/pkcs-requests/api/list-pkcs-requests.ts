import { pkcsRequestPageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/pkcs/requests?…: the queue as the console sees it, paged. */
export function listPkcsRequests(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/pkcs/requests?${query}`, pkcsRequestPageSchema, signal);
}

/** `live`: refresh every few seconds (while something is queued or at a connector), otherwise every 15 s. */
export function usePkcsRequests(query: string, live: boolean) {
  return useQuery(`pkcs/requests?${query}`, (signal) => listPkcsRequests(query, signal), { refetchIntervalMs: live ? 3_000 : 15_000 });
}
