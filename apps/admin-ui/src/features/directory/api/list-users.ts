import { directoryUserSchema, pageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

const usersPage = pageSchema(directoryUserSchema);

/** GET /api/directory/users?… */
export function listUsers(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/directory/users?${query}`, usersPage, signal);
}

export function useUsers(query: string) {
  return useQuery(`directory/users?${query}`, (signal) => listUsers(query, signal));
}
