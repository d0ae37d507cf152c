import { pkcsRequestDetailSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/pkcs/requests/:id: one request with its step history. */
export function getPkcsRequest(id: string, signal?: AbortSignal) {
  return apiClient.get(`/api/pkcs/requests/${encodeURIComponent(id)}`, pkcsRequestDetailSchema, signal);
}

export function usePkcsRequest(id: string, live: boolean) {
  return useQuery(`pkcs/requests/${id}`, (signal) => getPkcsRequest(id, signal), { refetchIntervalMs: live ? 3_000 : 15_000 });
}
