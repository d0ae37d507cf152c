import { type CreateUserRequest, directoryUserSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/directory/users */
export function createUser(body: CreateUserRequest) {
  return apiClient.post('/api/directory/users', body, directoryUserSchema);
}

export function useCreateUser() {
  return useMutation(createUser);
}
