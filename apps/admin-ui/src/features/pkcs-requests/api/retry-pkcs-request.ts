import { pkcsRequestDetailSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/pkcs/requests/:id/retry: a failed request back to the queue (administrators). */
export function retryPkcsRequest(id: string) {
  return apiClient.post(`/api/pkcs/requests/${encodeURIComponent(id)}/retry`, undefined, pkcsRequestDetailSchema);
}

export function useRetryPkcsRequest() {
  return useMutation(retryPkcsRequest);
}
