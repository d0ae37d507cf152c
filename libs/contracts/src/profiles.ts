import { z } from 'zod';
import { platformSchema } from './devices';
import { PROFILE_STATUSES, type ProfileStatus, profileStatusSchema, profileTypeSchema } from './device-channel';
import { pageQuerySchema } from './paging';
import { pkcsSettingsSchema } from './pkcs';
import { pkcsImportedSettingsSchema } from './pfx-import';
import { scepSettingsSchema, scepSettingsViewSchema } from './scep-profile';

/**
 * Configuration profiles as the admin API speaks them: one model for all four types (trusted
 * root, SCEP, PKCS, PKCS imported), type-specific settings validated per type, a version that
 * increases on every edit, and assignments to groups with include and exclude (exclude wins).
 */

/** A CA certificate as the console shows it; computed by the cloud from the DER, never typed in. */
export const certificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  thumbprintSha1: z.string(),
  thumbprintSha256: z.string(),
  selfSigned: z.boolean(),
  pathLength: z.number().int().nullable(),
  keyAlgorithm: z.string(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

/** Where a trusted root came from: a file the admin uploaded, or the CA app's AIA publication. */
export const trustedRootSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upload'), fileName: z.string().max(255).nullable() }),
  z.object({ kind: z.literal('ca'), url: z.string().url() }),
]);
export type TrustedRootSource = z.infer<typeof trustedRootSourceSchema>;

/** What the cloud stores for a trusted-root profile (the jsonb `settings`). */
export const trustedRootSettingsSchema = z.object({
  /** DER, base64. */
  certificate: z.string().min(1),
  source: trustedRootSourceSchema,
});
export type TrustedRootSettings = z.infer<typeof trustedRootSettingsSchema>;

/**
 * The certificate an admin hands in: PEM text, or base64 of a DER or PEM file (the console
 * sends uploaded files as base64 so binary DER survives JSON), or a URL of the CA app's AIA.
 */
export const trustedRootInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('upload'),
    certificate: z.string().min(1, 'choose a certificate file').max(200_000, 'a CA certificate is far smaller than this'),
    fileName: z.string().max(255).optional(),
  }),
  z.object({ kind: z.literal('ca'), url: z.string().url('a URL of the CA certificate is required') }),
]);
export type TrustedRootInput = z.infer<typeof trustedRootInputSchema>;

/** The per-type settings tables; later issues add SCEP, PKCS and PKCS imported here. */
export const PROFILE_SETTINGS_SCHEMAS = {
  trustedRoot: trustedRootSettingsSchema,
  pkcs: pkcsSettingsSchema,
  scep: scepSettingsSchema,
  pkcsImported: pkcsImportedSettingsSchema,
} as const;
export type ImplementedProfileType = keyof typeof PROFILE_SETTINGS_SCHEMAS;

export const ASSIGNMENT_MODES = {
  include: { label: 'Included' },
  exclude: { label: 'Excluded' },
} as const;
export type AssignmentMode = keyof typeof ASSIGNMENT_MODES;
export const assignmentModeSchema = z.enum(Object.keys(ASSIGNMENT_MODES) as [AssignmentMode, ...AssignmentMode[]]);

export const assignmentInputSchema = z.object({ groupId: z.string().uuid(), mode: assignmentModeSchema });
export type AssignmentInput = z.infer<typeof assignmentInputSchema>;

export const assignmentSchema = assignmentInputSchema.extend({ groupName: z.string() });
export type Assignment = z.infer<typeof assignmentSchema>;

export const statusCountsSchema = z.object({
  pending: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  removed: z.number().int(),
});
export type StatusCounts = z.infer<typeof statusCountsSchema>;

const profileBase = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: profileTypeSchema,
  platforms: z.array(platformSchema),
  version: z.number().int().min(1),
  assignments: z.array(assignmentSchema),
  /** Devices per status, for the list's and detail's charts. */
  deviceStatus: statusCountsSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  modifiedAt: z.string(),
  modifiedBy: z.string(),
});

export const trustedRootProfileSchema = profileBase.extend({
  type: z.literal('trustedRoot'),
  settings: z.object({ source: trustedRootSourceSchema, certificate: certificateSummarySchema }),
});

export const pkcsProfileSchema = profileBase.extend({ type: z.literal('pkcs'), settings: pkcsSettingsSchema.extend({ trustedRootProfileName: z.string().nullable() }) });

export const scepProfileSchema = profileBase.extend({ type: z.literal('scep'), settings: scepSettingsViewSchema });

export const pkcsImportedProfileSchema = profileBase.extend({ type: z.literal('pkcsImported'), settings: pkcsImportedSettingsSchema });

/** A profile as the admin API returns it (settings shown, certificate bytes not repeated). */
export const profileSchema = z.discriminatedUnion('type', [trustedRootProfileSchema, pkcsProfileSchema, scepProfileSchema, pkcsImportedProfileSchema]);
export type Profile = z.infer<typeof profileSchema>;

export const profileListQuerySchema = pageQuerySchema.extend({
  sort: z.enum(['name', 'type', 'modifiedAt', 'createdAt']).optional(),
  type: profileTypeSchema.optional(),
  platform: platformSchema.optional(),
});
export type ProfileListQuery = z.infer<typeof profileListQuerySchema>;

const profileBasics = {
  name: z.string().trim().min(1, 'a name is required').max(200),
  description: z.string().trim().max(2000).optional(),
  platforms: z.array(platformSchema).min(1, 'target at least one platform').max(4),
};

/** `POST /api/profiles`: the wizard's Review + create. */
export const createProfileRequestSchema = z.discriminatedUnion('type', [
  z.object({ ...profileBasics, type: z.literal('trustedRoot'), settings: trustedRootInputSchema, assignments: z.array(assignmentInputSchema).max(100).default([]) }),
  z.object({ ...profileBasics, type: z.literal('pkcs'), settings: pkcsSettingsSchema, assignments: z.array(assignmentInputSchema).max(100).default([]) }),
  z.object({ ...profileBasics, type: z.literal('scep'), settings: scepSettingsSchema, assignments: z.array(assignmentInputSchema).max(100).default([]) }),
  z.object({ ...profileBasics, type: z.literal('pkcsImported'), settings: pkcsImportedSettingsSchema, assignments: z.array(assignmentInputSchema).max(100).default([]) }),
]);
export type CreateProfileRequest = z.input<typeof createProfileRequestSchema>;

/** `PATCH /api/profiles/:id`: every edit makes a new version. */
export const updateProfileRequestSchema = z
  .object({
    name: profileBasics.name.optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    platforms: profileBasics.platforms.optional(),
    /** The settings of the profile's own type (a trusted root's certificate input, or PKCS settings). */
    settings: z.union([trustedRootInputSchema, pkcsSettingsSchema, scepSettingsSchema, pkcsImportedSettingsSchema]).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'change at least one field');
export type UpdateProfileRequest = z.infer<typeof updateProfileRequestSchema>;

/** `PUT /api/profiles/:id/assignments`: the whole set, as Intune's Assignments page saves it. */
export const setAssignmentsRequestSchema = z.object({ assignments: z.array(assignmentInputSchema).max(100) });
export type SetAssignmentsRequest = z.infer<typeof setAssignmentsRequestSchema>;

/** `POST /api/profiles/trusted-root/inspect`: what the wizard shows before the admin commits. */
export const inspectTrustedRootRequestSchema = z.object({ settings: trustedRootInputSchema });
export type InspectTrustedRootRequest = z.infer<typeof inspectTrustedRootRequestSchema>;

/** `GET /api/profiles/ca-certificates`: the CA app's published certificates to pick from. */
export const caCertificateOptionSchema = z.object({
  name: z.string(),
  url: z.string(),
  certificate: certificateSummarySchema.nullable(),
  /** Why the certificate could not be fetched or is not a CA certificate. */
  error: z.string().nullable(),
});
export type CaCertificateOption = z.infer<typeof caCertificateOptionSchema>;
export const caCertificateListSchema = z.object({ items: z.array(caCertificateOptionSchema) });

export const profileVersionSchema = z.object({
  version: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  platforms: z.array(platformSchema),
  /** The certificate thumbprint for trusted roots; what changed is seen by comparing versions. */
  summary: z.string(),
  modifiedAt: z.string(),
  modifiedBy: z.string(),
});
export type ProfileVersion = z.infer<typeof profileVersionSchema>;

const userRef = z.object({ id: z.string(), userPrincipalName: z.string(), displayName: z.string() });

/** One row of a profile's device status view. */
export const profileDeviceStatusSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  platform: platformSchema,
  user: userRef.nullable(),
  status: profileStatusSchema,
  /** The version the status is about; null while the device has not reported. */
  version: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  message: z.string().nullable(),
  reportedAt: z.string().nullable(),
  /** Still targeted by the profile (false: the device should remove it or has). */
  targeted: z.boolean(),
});
export type ProfileDeviceStatus = z.infer<typeof profileDeviceStatusSchema>;

export const profileStatusQuerySchema = pageQuerySchema.extend({
  status: profileStatusSchema.optional(),
  sort: z.enum(['deviceName', 'status', 'reportedAt', 'userPrincipalName']).optional(),
});
export type ProfileStatusQuery = z.infer<typeof profileStatusQuerySchema>;

/** One row of a profile's user status view: a user's devices rolled up, worst status first. */
export const profileUserStatusSchema = z.object({
  user: userRef,
  status: profileStatusSchema,
  devices: statusCountsSchema,
});
export type ProfileUserStatus = z.infer<typeof profileUserStatusSchema>;

/** How statuses roll up for a user: one failed device makes the user failed. */
export const STATUS_SEVERITY: Record<ProfileStatus, number> = { failed: 3, pending: 2, succeeded: 1, removed: 0 };

/** Why a profile applies to a device, or why not. */
export const assignmentReasonSchema = z.object({
  mode: assignmentModeSchema,
  groupId: z.string(),
  groupName: z.string(),
  /** Who is in the group: the device itself or its owner user. */
  member: z.enum(['device', 'user']),
  /** Group names from the one the member is in directly up to the assigned group. */
  path: z.array(z.string()),
  /** "assigned via group Engineering", "excluded via group Contractors (through Sales)". */
  text: z.string(),
});
export type AssignmentReason = z.infer<typeof assignmentReasonSchema>;

/** `GET /api/device-profiles/:deviceId`: the device's effective profiles, and those that do not apply and why. */
export const deviceProfileSchema = z.object({
  profileId: z.string(),
  name: z.string(),
  type: profileTypeSchema,
  version: z.number().int(),
  applies: z.boolean(),
  /** Set when a matching include is beaten by an exclude or the platform is not targeted. */
  notAppliedReason: z.string().nullable(),
  reasons: z.array(assignmentReasonSchema),
  status: profileStatusSchema.nullable(),
  statusVersion: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  message: z.string().nullable(),
  reportedAt: z.string().nullable(),
});
export type DeviceProfile = z.infer<typeof deviceProfileSchema>;
export const deviceProfileListSchema = z.object({ deviceId: z.string(), items: z.array(deviceProfileSchema) });
export type DeviceProfileList = z.infer<typeof deviceProfileListSchema>;

/** One entry of a device's status history for a profile, newest first. */
export const statusHistoryEntrySchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  version: z.number().int(),
  status: profileStatusSchema,
  errorCode: z.string().nullable(),
  message: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  at: z.string(),
});
export type StatusHistoryEntry = z.infer<typeof statusHistoryEntrySchema>;

export const statusHistoryQuerySchema = pageQuerySchema.extend({
  profileId: z.string().uuid().optional(),
  status: profileStatusSchema.optional(),
  /** Newest first unless asked otherwise. */
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type StatusHistoryQuery = z.infer<typeof statusHistoryQuerySchema>;

export const PROFILE_STATUS_ORDER = Object.keys(PROFILE_STATUSES) as ProfileStatus[];
