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

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** A UPN is an email-shaped name: `user@domain`, no spaces. */
export const userPrincipalNameSchema = z
  .string()
  .trim()
  .min(3)
  .max(256)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'a user principal name looks like name@domain.example');

/** `POST /api/directory/users` */
export const createUserRequestSchema = z.object({
  userPrincipalName: userPrincipalNameSchema,
  displayName: z.string().trim().min(1, 'a display name is required').max(256),
  email: z.string().trim().email('not an email address').max(256).nullable().optional().or(z.literal('').transform(() => null)),
  onPremisesSamAccountName: optionalText(64),
  onPremisesDistinguishedName: optionalText(1024),
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

/** `PATCH /api/directory/users/:id` (the UPN is the identity and does not change). */
export const updateUserRequestSchema = createUserRequestSchema.omit({ userPrincipalName: true }).partial();
export type UpdateUserRequest = z.input<typeof updateUserRequestSchema>;

export const groupNameSchema = z.string().trim().min(1, 'a group name is required').max(256);

/** `POST /api/directory/groups` */
export const createGroupRequestSchema = z.object({ name: groupNameSchema, description: optionalText(1024) });
export type CreateGroupRequest = z.input<typeof createGroupRequestSchema>;
/** `PATCH /api/directory/groups/:id` */
export const updateGroupRequestSchema = createGroupRequestSchema.partial();
export type UpdateGroupRequest = z.input<typeof updateGroupRequestSchema>;

/** A group's members are users, devices and other groups (nested, resolved transitively). */
export const MEMBER_KINDS = {
  user: { label: 'User' },
  device: { label: 'Device' },
  group: { label: 'Group' },
} as const;
export type MemberKind = keyof typeof MEMBER_KINDS;
export const memberKindSchema = z.enum(Object.keys(MEMBER_KINDS) as [MemberKind, ...MemberKind[]]);

/** `POST /api/directory/groups/:id/members` */
export const addMemberRequestSchema = z.object({ kind: memberKindSchema, id: z.string().uuid() });
export type AddMemberRequest = z.infer<typeof addMemberRequestSchema>;

export const groupMemberSchema = z.object({
  kind: memberKindSchema,
  id: z.string(),
  /** UPN, device name or group name. */
  name: z.string(),
  /** Display name, platform or description. */
  detail: z.string().nullable(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

/** `GET /api/directory/groups/:id`: direct members, the groups it is nested in, and how many users and devices it holds in all. */
export const groupDetailSchema = directoryGroupSchema.extend({
  members: z.array(groupMemberSchema),
  memberOf: z.array(z.object({ id: z.string(), name: z.string() })),
  transitive: z.object({ users: z.number().int(), devices: z.number().int(), groups: z.number().int() }),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

/**
 * `POST /api/directory/import`: users and groups from a CSV or JSON file, idempotent by UPN and
 * group name. CSV columns: userPrincipalName, displayName, email, onPremisesSamAccountName,
 * onPremisesDistinguishedName, groups (group names separated by `;`, created when missing).
 * JSON: `{ "users": [{ …the same fields, "groups": ["…"] }], "groups": [{ "name", "description", "memberGroups": ["…"] }] }`.
 * Sent as multipart (`file`, `dryRun`) or as this JSON body.
 */
export const importRequestSchema = z.object({
  format: z.enum(['csv', 'json']),
  content: z.string().min(1, 'the file is empty').max(5_000_000),
  dryRun: z.boolean().default(false),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

export const IMPORT_ACTIONS = {
  create: { label: 'Create' },
  update: { label: 'Update' },
  unchanged: { label: 'Unchanged' },
} as const;
export type ImportAction = keyof typeof IMPORT_ACTIONS;

export const importRowSchema = z.object({
  /** CSV line number (1 = the header) or JSON pointer-like location (`users[2]`). */
  location: z.string(),
  kind: z.enum(['user', 'group', 'membership']),
  key: z.string(),
  action: z.enum(Object.keys(IMPORT_ACTIONS) as [ImportAction, ...ImportAction[]]),
  changes: z.array(z.string()),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importIssueSchema = z.object({ location: z.string(), message: z.string() });
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  /** False when there were errors: nothing was (or would be) changed. */
  valid: z.boolean(),
  applied: z.boolean(),
  rows: z.array(importRowSchema),
  errors: z.array(importIssueSchema),
  totals: z.object({
    users: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() }),
    groups: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() }),
    memberships: z.object({ create: z.number().int(), unchanged: z.number().int() }),
  }),
});
export type ImportResult = z.infer<typeof importResultSchema>;
