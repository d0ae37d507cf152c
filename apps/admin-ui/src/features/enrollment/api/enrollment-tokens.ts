import { type CreateEnrollmentTokenRequest, createdEnrollmentTokenSchema, directoryUserSchema, enrollmentTokenSchema, pageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';
import { useQuery } from '../../../lib/use-query';

/** GET /api/enrollment-tokens?…: never the secrets. */
export function listEnrollmentTokens(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/enrollment-tokens?${query}`, pageSchema(enrollmentTokenSchema), signal);
}

/** POST /api/enrollment-tokens: the answer carries the token, shown this once. */
export function createEnrollmentToken(body: CreateEnrollmentTokenRequest) {
  return apiClient.post('/api/enrollment-tokens', body, createdEnrollmentTokenSchema);
}

/** GET /api/directory/users?search=…: the user a token enrolls a device for. */
export function searchUsers(search: string, signal?: AbortSignal) {
  return apiClient.get(`/api/directory/users?pageSize=20&search=${encodeURIComponent(search)}`, pageSchema(directoryUserSchema), signal);
}

export function useEnrollmentTokens(query: string) {
  return useQuery(`enrollment-tokens?${query}`, (signal) => listEnrollmentTokens(query, signal), { refetchIntervalMs: 10_000 });
}

export function useCreateEnrollmentToken() {
  return useMutation(createEnrollmentToken);
}

export function useUserSearch(search: string) {
  return useQuery(`enrollment/users?${search}`, (signal) => searchUsers(search, signal));
}
