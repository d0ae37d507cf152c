import { sessionResponseSchema, type SessionResponse } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/auth/me: the signed-in account, or a 401 problem when there is no session. */
export function getMe(signal?: AbortSignal): Promise<SessionResponse> {
  return apiClient.get('/api/auth/me', sessionResponseSchema, signal);
}

export const meQueryKey = 'auth/me';

export function useMe() {
  return useQuery(meQueryKey, getMe);
}
