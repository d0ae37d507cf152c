import { z } from 'zod';
import { desiredPkcsPayloadSchema } from './pkcs';
import { desiredScepPayloadSchema } from './scep-profile';
import { desiredPkcsImportedPayloadSchema } from './pfx-import';

/**
 * The device channel: what a managed device and the cloud say to each other over mTLS on the
 * device port, authenticated by the device's Device Management certificate.
 */

export const PROFILE_TYPES = {
  trustedRoot: { label: 'Trusted certificate' },
  scep: { label: 'SCEP certificate' },
  pkcs: { label: 'PKCS certificate' },
  pkcsImported: { label: 'PKCS imported certificate' },
} as const;
export type ProfileType = keyof typeof PROFILE_TYPES;
export const profileTypeSchema = z.enum(Object.keys(PROFILE_TYPES) as [ProfileType, ...ProfileType[]]);

const desiredBase = z.object({
  profileId: z.string(),
  name: z.string(),
  /** Increases on every edit; a device re-applies a profile whose version changed. */
  version: z.number().int().min(1),
});

/** Trusted root: install this CA certificate into the device's trust store. */
export const desiredTrustedRootSchema = desiredBase.extend({
  type: z.literal('trustedRoot'),
  payload: z.object({
    /** DER, base64. */
    certificate: z.string(),
    thumbprintSha256: z.string(),
    subject: z.string(),
  }),
});

/** PKCS: the cloud's request for this device and, once issued, where to fetch the re-encrypted PKCS#12. */
export const desiredPkcsSchema = desiredBase.extend({ type: z.literal('pkcs'), payload: desiredPkcsPayloadSchema });

/** Later flows (SCEP, imported PKCS#12) add their members to this union. */
/** SCEP: the rendered request and its one-time challenge, or why it could not be rendered. */
export const desiredScepSchema = desiredBase.extend({ type: z.literal('scep'), payload: desiredScepPayloadSchema });

/** Imported PKCS#12: the user's imported certificates for the profile's purpose, and where to request them (step 5). */
export const desiredPkcsImportedSchema = desiredBase.extend({ type: z.literal('pkcsImported'), payload: desiredPkcsImportedPayloadSchema });

export const desiredProfileSchema = z.discriminatedUnion('type', [desiredTrustedRootSchema, desiredPkcsSchema, desiredScepSchema, desiredPkcsImportedSchema]);
export type DesiredProfile = z.infer<typeof desiredProfileSchema>;

/** Answer to `POST /api/device/checkin`. */
export const checkInResponseSchema = z.object({
  deviceId: z.string(),
  profiles: z.array(desiredProfileSchema),
  /** The device checks in again after this long even without a nudge. */
  checkInIntervalSeconds: z.number().int().min(1),
});
export type CheckInResponse = z.infer<typeof checkInResponseSchema>;

export const PROFILE_STATUSES = {
  pending: { label: 'Pending', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Error', tone: 'danger' },
  removed: { label: 'Removed', tone: 'neutral' },
} as const;
export type ProfileStatus = keyof typeof PROFILE_STATUSES;
export const profileStatusSchema = z.enum(Object.keys(PROFILE_STATUSES) as [ProfileStatus, ...ProfileStatus[]]);

export const profileStatusReportSchema = z.object({
  profileId: z.string(),
  version: z.number().int().min(1),
  status: profileStatusSchema,
  errorCode: z.string().max(128).optional(),
  message: z.string().max(2000).optional(),
  /** What the device installed, e.g. the thumbprint of a certificate. No secrets. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type ProfileStatusReport = z.infer<typeof profileStatusReportSchema>;

/** Body of `POST /api/device/status`. */
export const statusReportRequestSchema = z.object({ reports: z.array(profileStatusReportSchema).min(1).max(200) });
export type StatusReportRequest = z.infer<typeof statusReportRequestSchema>;

/** Answer to `POST /api/device/status`. */
export const statusReportResponseSchema = z.object({ accepted: z.number().int().min(0) });
export type StatusReportResponse = z.infer<typeof statusReportResponseSchema>;

/**
 * `GET /api/device/nudges` is a server-sent event stream (the model of APNs/FCM/WNS push): the
 * cloud sends `event: hello` once connected, `event: checkin` when the device should check in
 * now, and a `: keep-alive` comment line every `keepAliveSeconds`. Each `data:` is this JSON.
 */
export const NUDGE_EVENTS = { hello: 'hello', checkin: 'checkin' } as const;
export const deviceNudgeSchema = z.object({
  deviceId: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type DeviceNudge = z.infer<typeof deviceNudgeSchema>;
