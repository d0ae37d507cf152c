import { sessionResponseSchema, type LoginRequest, type SessionResponse } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/auth/login: on success the cloud sets the httpOnly session cookie. */
export function login(credentials: LoginRequest): Promise<SessionResponse> {
  return apiClient.post('/api/auth/login', credentials, sessionResponseSchema);
}

export function useLogin() {
  return useMutation(login);
}
