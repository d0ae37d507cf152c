import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/auth/logout: 204, the cloud ends the session and clears the cookie. */
export function logout(): Promise<void> {
  return apiClient.post('/api/auth/logout');
}

export function useLogout() {
  return useMutation(logout);
}
