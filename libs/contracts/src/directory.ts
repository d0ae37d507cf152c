import { z } from 'zod';
import { pageQuerySchema } from './paging';

/** A directory user (Entra ID synced from on-prem AD), the subject of user certificates. */
export const directoryUserSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  onPremisesSamAccountName: z.string().nullable(),
  onPremisesDistinguishedName: z.string().nullable(),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.string(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

export const directoryGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type DirectoryGroup = z.infer<typeof directoryGroupSchema>;

export const userListQuerySchema = pageQuerySchema.extend({
  sort: z.enum(['userPrincipalName', 'displayName', 'createdAt']).optional(),
  groupId: z.string().uuid().optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const groupListQuerySchema = pageQuerySchema.extend({
  sort: z.enum(['name', 'createdAt']).optional(),
});
export type GroupListQuery = z.infer<typeof groupListQuerySchema>;
