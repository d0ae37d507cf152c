import { z } from 'zod';
import { platformSchema } from './devices';
import { pageQuerySchema } from './paging';

/**
 * Device enrollment. An administrator creates a one-time enrollment token for a user and a
 * platform (admin API, `POST /api/enrollment-tokens`); the token is shown once and stored only as
 * a hash. The device generates its own key, sends a PKCS#10 with the token to
 * `POST /api/device/enroll` on the device port (no client certificate yet) and receives its
 * Device Management certificate and the channel trust anchor.
 */

export const ENROLLMENT_TOKEN_STATUSES = {
  active: { label: 'Active', tone: 'info' },
  used: { label: 'Used', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
} as const;
export type EnrollmentTokenStatus = keyof typeof ENROLLMENT_TOKEN_STATUSES;
export const enrollmentTokenStatusSchema = z.enum(
  Object.keys(ENROLLMENT_TOKEN_STATUSES) as [EnrollmentTokenStatus, ...EnrollmentTokenStatus[]],
);

/** Bounds of a token's lifetime, in minutes: 5 minutes to 30 days; default one day. */
export const ENROLLMENT_TOKEN_LIFETIME = { min: 5, max: 30 * 24 * 60, default: 24 * 60 } as const;

/** Body of `POST /api/enrollment-tokens` (administrator). */
export const createEnrollmentTokenRequestSchema = z.object({
  userId: z.string().uuid(),
  platform: platformSchema,
  validForMinutes: z
    .number()
    .int()
    .min(ENROLLMENT_TOKEN_LIFETIME.min)
    .max(ENROLLMENT_TOKEN_LIFETIME.max)
    .default(ENROLLMENT_TOKEN_LIFETIME.default),
});
export type CreateEnrollmentTokenRequest = z.input<typeof createEnrollmentTokenRequestSchema>;

/** An enrollment token as listed: never the secret itself. */
export const enrollmentTokenSchema = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), userPrincipalName: z.string(), displayName: z.string() }),
  platform: platformSchema,
  status: enrollmentTokenStatusSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  /** The device that enrolled with it. */
  deviceId: z.string().nullable(),
});
export type EnrollmentToken = z.infer<typeof enrollmentTokenSchema>;

/** Answer to `POST /api/enrollment-tokens`: the only time the secret `token` is shown. */
export const createdEnrollmentTokenSchema = enrollmentTokenSchema.extend({ token: z.string() });
export type CreatedEnrollmentToken = z.infer<typeof createdEnrollmentTokenSchema>;

/** `GET /api/enrollment-tokens?…` */
export const enrollmentTokenListQuerySchema = pageQuerySchema.extend({
  sort: z.enum(['createdAt', 'expiresAt', 'platform']).optional(),
  status: enrollmentTokenStatusSchema.optional(),
  platform: platformSchema.optional(),
  userId: z.string().uuid().optional(),
});
export type EnrollmentTokenListQuery = z.infer<typeof enrollmentTokenListQuerySchema>;

/** Body of `POST /api/device/enroll` on the device port. */
export const deviceEnrollRequestSchema = z.object({
  token: z.string().min(1).max(200),
  /** PKCS#10, PEM. Its key becomes the device's management key; its subject is ignored. */
  csr: z.string().min(1).max(20_000),
  name: z.string().trim().min(1).max(128),
  platform: platformSchema,
  osVersion: z.string().trim().min(1).max(64),
  serialNumber: z.string().trim().min(1).max(64).optional(),
  imei: z
    .string()
    .regex(/^\d{14,16}$/, 'an IMEI is 14 to 16 digits')
    .optional(),
});
export type DeviceEnrollRequest = z.infer<typeof deviceEnrollRequestSchema>;

/** Answer to `POST /api/device/enroll`. */
export const deviceEnrollResponseSchema = z.object({
  deviceId: z.string(),
  entraDeviceId: z.string(),
  /** The Device Management certificate, PEM. */
  certificate: z.string(),
  /** The MDM device CA chain above it, PEM, issuer first. */
  caCertificates: z.array(z.string()),
  /** PEM of the root the device port's TLS certificate chains to: pin it for every later call. */
  channelTrustAnchor: z.string(),
  checkInIntervalSeconds: z.number().int().min(1),
});
export type DeviceEnrollResponse = z.infer<typeof deviceEnrollResponseSchema>;
