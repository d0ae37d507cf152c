import { type AddMemberRequest, groupDetailSchema, type MemberKind } from '@certlab/contracts';
import { apiClient, apiRequest } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/directory/groups/:id/members */
export function addMember({ groupId, ...member }: AddMemberRequest & { groupId: string }) {
  return apiClient.post(`/api/directory/groups/${encodeURIComponent(groupId)}/members`, member, groupDetailSchema);
}

/** DELETE /api/directory/groups/:id/members/:kind/:memberId */
export function removeMember({ groupId, kind, id }: { groupId: string; kind: MemberKind; id: string }) {
  return apiRequest(`/api/directory/groups/${encodeURIComponent(groupId)}/members/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE', schema: groupDetailSchema });
}

export function useAddMember() {
  return useMutation(addMember);
}

export function useRemoveMember() {
  return useMutation(removeMember);
}
