import { consoleAccountSchema, type CreateAccountRequest, pageSchema, type UpdateAccountRequest } from '@certlab/contracts';
import { apiClient, apiRequest } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';
import { useQuery } from '../../../lib/use-query';

/** GET /api/accounts?… */
export function listAccounts(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/accounts?${query}`, pageSchema(consoleAccountSchema), signal);
}

/** POST /api/accounts */
export function createAccount(body: CreateAccountRequest) {
  return apiClient.post('/api/accounts', body, consoleAccountSchema);
}

/** PATCH /api/accounts/:id: role, display name, disabled, password. */
export function updateAccount({ id, ...body }: UpdateAccountRequest & { id: string }) {
  return apiRequest(`/api/accounts/${encodeURIComponent(id)}`, { method: 'PATCH', body, schema: consoleAccountSchema });
}

export function useAccounts(query: string) {
  return useQuery(`accounts?${query}`, (signal) => listAccounts(query, signal));
}

export function useCreateAccount() {
  return useMutation(createAccount);
}

export function useUpdateAccount() {
  return useMutation(updateAccount);
}
