import { directoryUserSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/directory/users/:id */
export function getUser(id: string, signal?: AbortSignal) {
  return apiClient.get(`/api/directory/users/${encodeURIComponent(id)}`, directoryUserSchema, signal);
}

export function useUser(id: string) {
  return useQuery(`directory/users/${id}`, (signal) => getUser(id, signal));
}
