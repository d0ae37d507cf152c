import { caRequestSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';
import { CA_BASE } from './get-authorities';

/** POST …/requests/:id/approve or …/deny: a CA manager's decision on a pending request. */
export function decideRequest(v: { requestId: number; decision: 'approve' | 'deny' }) {
  return apiClient.post(`${CA_BASE}/requests/${v.requestId}/${v.decision}`, v.decision === 'deny' ? {} : undefined, caRequestSchema);
}

export function useDecideRequest() {
  return useMutation(decideRequest);
}
