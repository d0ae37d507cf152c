import { sessionResponseSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/auth/me: whether the signed-in account may retry (the cloud checks again). */
export function getSession(signal?: AbortSignal) {
  return apiClient.get('/api/auth/me', sessionResponseSchema, signal);
}

export function useIsAdministrator(): boolean {
  const me = useQuery('pkcs/me', getSession);
  return me.data?.user.role === 'administrator';
}
