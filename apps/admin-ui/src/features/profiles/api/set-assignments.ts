import { type AssignmentInput, profileSchema } from '@certlab/contracts';
import { apiRequest } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** PUT /api/profiles/:id/assignments: the whole set of included and excluded groups. */
export function setAssignments({ id, assignments }: { id: string; assignments: AssignmentInput[] }) {
  return apiRequest(`/api/profiles/${encodeURIComponent(id)}/assignments`, { method: 'PUT', body: { assignments }, schema: profileSchema });
}

export function useSetAssignments() {
  return useMutation(setAssignments);
}
