import { z } from 'zod';
import { pageQuerySchema } from './paging';

/** Platforms behave differently where real ones do (iOS: one certificate per profile; Windows: TPM). */
export const PLATFORMS = {
  ios: { label: 'iOS/iPadOS', hasTpm: false },
  macos: { label: 'macOS', hasTpm: false },
  android: { label: 'Android Enterprise', hasTpm: false },
  windows: { label: 'Windows', hasTpm: true },
} as const;
export type Platform = keyof typeof PLATFORMS;
export const platformSchema = z.enum(Object.keys(PLATFORMS) as [Platform, ...Platform[]]);

export const DEVICE_STATES = {
  enrolled: { label: 'Enrolled', tone: 'success' },
  retired: { label: 'Retired', tone: 'neutral' },
  wiped: { label: 'Wiped', tone: 'danger' },
} as const;
export type DeviceState = keyof typeof DEVICE_STATES;
export const deviceStateSchema = z.enum(Object.keys(DEVICE_STATES) as [DeviceState, ...DeviceState[]]);

/** A managed device as the admin API returns it. */
export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  platform: platformSchema,
  osVersion: z.string(),
  serialNumber: z.string().nullable(),
  imei: z.string().nullable(),
  /** The Entra-style device id ({{AAD_Device_ID}} / {{DeviceId}} in templates). */
  entraDeviceId: z.string(),
  owner: z.object({ id: z.string(), userPrincipalName: z.string(), displayName: z.string() }).nullable(),
  state: deviceStateSchema,
  enrolledAt: z.string(),
  lastCheckInAt: z.string().nullable(),
  /** SHA-256 thumbprint of its current Device Management certificate. */
  managementCertificateThumbprint: z.string().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceListQuerySchema = pageQuerySchema.extend({
  sort: z.enum(['name', 'enrolledAt', 'lastCheckInAt', 'platform']).optional(),
  platform: platformSchema.optional(),
  state: deviceStateSchema.optional(),
  ownerId: z.string().uuid().optional(),
});
export type DeviceListQuery = z.infer<typeof deviceListQuerySchema>;
