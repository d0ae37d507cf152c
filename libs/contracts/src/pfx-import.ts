import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './paging';
import { keyStorageProviderSchema } from './pkcs';

/**
 * Imported PKCS#12 (the seed's third flow, S/MIME): one existing key pair and certificate
 * delivered to every device of its user, the PFX password protected end to end.
 * (1) The PFX connector holds an encryption certificate; the admin's import tool encrypts the
 * PFX password to it on-prem. (2–3) The encrypted password and the PFX are uploaded. (4) An
 * imported-PKCS profile is assigned. (5) A device asks for its imported certificates. (6) The
 * cloud sends the encrypted password, the PFX and the device's certificate to a PFX connector.
 * (7) The connector decrypts the password, (8) re-encrypts it to the device's key, (9) returns it.
 * (10) The cloud forwards PFX and re-encrypted password; the device decrypts and imports.
 * The cloud never holds the password in clear: it only ever stores and forwards CMS envelopes.
 */

export const PFX_PURPOSES = {
  smimeEncryption: { label: 'S/MIME encryption' },
  smimeSigning: { label: 'S/MIME signing' },
  unassigned: { label: 'Unassigned' },
} as const;
export type PfxPurpose = keyof typeof PFX_PURPOSES;
export const pfxPurposeSchema = z.enum(Object.keys(PFX_PURPOSES) as [PfxPurpose, ...PfxPurpose[]]);

/** The steps as the console and the logs name them. */
export const PFX_STEPS = {
  1: 'PFX password encrypted to the PFX connector certificate on-prem',
  2: 'encrypted password uploaded',
  3: 'PKCS#12 uploaded',
  4: 'imported PKCS profile assigned',
  5: 'the device requested its imported certificates',
  6: 'encrypted password, PKCS#12 and device certificate sent to a PFX connector',
  7: 'the connector decrypted the PFX password',
  8: 'the connector re-encrypted the password to the device key',
  9: 'the re-encrypted password returned to the cloud',
  10: 'forwarded to the device, which decrypted and imported the PKCS#12',
} as const;

const base64 = (max: number, what: string) => z.string().min(1, `${what} is required`).max(max, `${what} is too large`).regex(/^[A-Za-z0-9+/]+=*$/, `${what} must be base64`);
const sha256Hex = z.string().regex(/^[0-9A-Fa-f]{64}$/, 'a SHA-256 thumbprint (64 hex digits)');

/** Body of `POST /api/connector/pfx/encryption-certificate` (connector, mTLS): publishes its PFX encryption certificate. */
export const pfxConnectorPublishRequestSchema = z.object({
  /** The PFX connector encryption certificate, PEM (issued by the enterprise CA, keyEncipherment). */
  certificate: z.string().min(1).max(20_000),
  /** Its issuing chain, issuing CA first, PEM. */
  chain: z.array(z.string().max(20_000)).max(5).default([]),
});
export type PfxConnectorPublishRequest = z.input<typeof pfxConnectorPublishRequestSchema>;

/** A PFX connector encryption certificate as the admin API and the import tool see it (`GET /api/pfx-import/connector-certificates`). */
export const pfxConnectorCertificateSchema = z.object({
  thumbprintSha256: z.string(),
  thumbprintSha1: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  connectorId: z.string(),
  connectorName: z.string(),
  publishedAt: z.string(),
  /** PEM: the import tool encrypts the PFX password to it. */
  certificate: z.string(),
});
export type PfxConnectorCertificate = z.infer<typeof pfxConnectorCertificateSchema>;
export const pfxConnectorCertificateListSchema = z.object({ items: z.array(pfxConnectorCertificateSchema) });
export type PfxConnectorCertificateList = z.infer<typeof pfxConnectorCertificateListSchema>;

/**
 * Body of `POST /api/pfx-import/certificates` (administrator): what the import tool uploads.
 * The cloud cannot open the PFX (it never has the password), so the tool also sends the leaf
 * certificate it read from the PFX; the PFX connector checks at the first delivery that the
 * PFX opens and holds exactly this certificate and its key.
 */
export const pfxImportRequestSchema = z.object({
  userPrincipalName: z.string().trim().min(3).max(256),
  purpose: pfxPurposeSchema,
  /** The PKCS#12 file, base64. */
  pfx: base64(400_000, 'the PFX'),
  /** CMS EnvelopedData (base64) of the UTF-8 PFX password, to the PFX connector certificate below. */
  encryptedPassword: base64(20_000, 'the encrypted password'),
  /** SHA-256 thumbprint of the PFX connector certificate the password is encrypted to. */
  connectorThumbprint: sha256Hex,
  /** The leaf certificate in the PFX, PEM. */
  certificate: z.string().min(1).max(20_000),
  fileName: z.string().trim().max(255).optional(),
});
export type PfxImportRequest = z.infer<typeof pfxImportRequestSchema>;

export const IMPORTED_PFX_STATES = {
  valid: { label: 'Valid', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  notYetValid: { label: 'Not yet valid', tone: 'warning' },
} as const;
export type ImportedPfxState = keyof typeof IMPORTED_PFX_STATES;
export const importedPfxStateSchema = z.enum(Object.keys(IMPORTED_PFX_STATES) as [ImportedPfxState, ...ImportedPfxState[]]);

/** An imported PFX as the admin API shows it: its certificate, never the PFX or the password. */
export const importedPfxSchema = z.object({
  id: z.string(),
  userId: z.string(),
  userPrincipalName: z.string(),
  purpose: pfxPurposeSchema,
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  thumbprintSha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  state: importedPfxStateSchema,
  connectorThumbprint: z.string(),
  /** The connector that published the protecting certificate; null when it is gone. */
  connectorName: z.string().nullable(),
  fileName: z.string().nullable(),
  importedAt: z.string(),
  importedBy: z.string(),
  /** Devices the PFX reached, and those where delivery failed. */
  deliveries: z.object({ delivered: z.number().int(), pending: z.number().int(), failed: z.number().int() }),
});
export type ImportedPfx = z.infer<typeof importedPfxSchema>;
export const importedPfxPageSchema = pageSchema(importedPfxSchema);

/** `GET /api/pfx-import/users/:userId/certificates`: newest first (by notBefore) unless sorted otherwise. */
export const importedPfxListQuerySchema = pageQuerySchema.extend({
  purpose: pfxPurposeSchema.optional(),
  state: importedPfxStateSchema.optional(),
  sort: z.enum(['notBefore', 'notAfter', 'importedAt', 'subject']).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ImportedPfxListQuery = z.infer<typeof importedPfxListQuerySchema>;

/** Imported PKCS profile settings (Intune: "PKCS imported certificate"). */
export const pkcsImportedSettingsSchema = z.object({
  intendedPurpose: pfxPurposeSchema,
  keyStorageProvider: keyStorageProviderSchema.default('tpmOrSoftware'),
});
export type PkcsImportedSettings = z.infer<typeof pkcsImportedSettingsSchema>;

/** Each imported-PKCS setting's label on Intune's Configuration settings page. */
export const PKCS_IMPORTED_SETTING_LABELS: Record<keyof PkcsImportedSettings, string> = {
  intendedPurpose: 'Intended purpose',
  keyStorageProvider: 'Key storage provider (KSP)',
};

/** The seed's caveats, shown next to the settings and in the docs: one list, not three copies. */
export const PKCS_IMPORTED_CAVEATS = [
  'No key generation: the key pair and certificate come from elsewhere (e.g. the CA database or the user\'s existing S/MIME certificate).',
  'No renewal: import a new certificate before the old one expires, or new mail cannot be encrypted to the user.',
  'No revocation: a lost or stolen device keeps the key; revoke the certificate at the CA yourself.',
  'The same private key lands on every device of the user, whatever each device\'s security.',
  'Old certificates stay on the devices (expired ones too), so old mail still decrypts.',
] as const;

export const PFX_DELIVERY_STATES = {
  queued: { label: 'Waiting for a PFX connector', tone: 'info' },
  leased: { label: 'PFX connector re-encrypting', tone: 'info' },
  ready: { label: 'Re-encrypted, awaiting device', tone: 'info' },
  delivered: { label: 'Imported on the device', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
} as const;
export type PfxDeliveryState = keyof typeof PFX_DELIVERY_STATES;
export const pfxDeliveryStateSchema = z.enum(Object.keys(PFX_DELIVERY_STATES) as [PfxDeliveryState, ...PfxDeliveryState[]]);

/** The device's view of one imported certificate it should hold. */
export const pfxDeliveryViewSchema = z.object({
  deliveryId: z.string(),
  importedPfxId: z.string(),
  thumbprintSha256: z.string(),
  notAfter: z.string(),
  state: pfxDeliveryStateSchema,
  failureReason: z.string().nullable(),
  /** Where to fetch PFX and re-encrypted password once `ready`. */
  bundlePath: z.string().nullable(),
});
export type PfxDeliveryView = z.infer<typeof pfxDeliveryViewSchema>;

/** The desired-state payload of an imported-PKCS profile. */
export const desiredPkcsImportedPayloadSchema = z.object({
  intendedPurpose: pfxPurposeSchema,
  keyStorageProvider: keyStorageProviderSchema,
  /** Step 5: POST here (mTLS) to request the user's imported certificates for this profile. */
  requestPath: z.string(),
  /** Every imported certificate of the device's user for this purpose, expired ones included. */
  certificates: z.array(z.object({ importedPfxId: z.string(), thumbprintSha256: z.string(), notAfter: z.string() })),
  /** Why the device gets nothing (no primary user). */
  note: z.string().nullable(),
});
export type DesiredPkcsImportedPayload = z.infer<typeof desiredPkcsImportedPayloadSchema>;

/** Answer to `POST /api/device/pfx/profiles/:profileId/request` (step 5). */
export const pfxDeviceRequestResponseSchema = z.object({ profileId: z.string(), deliveries: z.array(pfxDeliveryViewSchema) });
export type PfxDeviceRequestResponse = z.infer<typeof pfxDeviceRequestResponseSchema>;

/** Answer to `POST /api/device/pfx/deliveries/:id/bundle` (step 10): the PFX and the password encrypted to this device's key. */
export const pfxDeviceBundleSchema = z.object({
  deliveryId: z.string(),
  pfx: z.string(),
  /** CMS EnvelopedData (RSA-OAEP SHA-256, AES-256-CBC) of the password, to the device's Device Management certificate. */
  encryptedPassword: z.string(),
  thumbprintSha256: z.string(),
});
export type PfxDeviceBundle = z.infer<typeof pfxDeviceBundleSchema>;

export const pfxDeviceResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('succeeded'), thumbprintSha256: sha256Hex }),
  z.object({ status: z.literal('failed'), reason: z.string().trim().min(1).max(2000) }),
]);
export type PfxDeviceResult = z.infer<typeof pfxDeviceResultSchema>;

export const PFX_JOB_KIND = 'pfx.reencrypt';

/** A leased PFX re-encryption job (steps 6–9). */
export const pfxJobPayloadSchema = z.object({
  deliveryId: z.string(),
  /** The PKCS#12, base64: the connector checks the password opens it before re-encrypting. */
  pfx: z.string(),
  /** CMS EnvelopedData to the PFX connector certificate below, base64. */
  encryptedPassword: z.string(),
  connectorThumbprint: z.string(),
  /** The device's Device Management certificate, PEM: the password is re-encrypted to its key. */
  deviceCertificate: z.string(),
  /** The leaf certificate recorded at import; the PFX must hold exactly this one. */
  expectedThumbprintSha256: z.string(),
});
export type PfxJobPayload = z.infer<typeof pfxJobPayloadSchema>;

/** Body of `POST /api/connector/pfx/jobs/:id/complete` (step 9). */
export const pfxJobCompleteRequestSchema = z.object({
  attempt: z.number().int().min(1),
  /** CMS EnvelopedData of the password to the device certificate, base64. */
  encryptedPassword: base64(20_000, 'the re-encrypted password'),
});
export type PfxJobCompleteRequest = z.infer<typeof pfxJobCompleteRequestSchema>;

export const pfxJobFailRequestSchema = z.object({
  attempt: z.number().int().min(1),
  step: z.number().int().min(6).max(9),
  reason: z.string().trim().min(1).max(2000),
  code: z.string().max(128).optional(),
});
export type PfxJobFailRequest = z.infer<typeof pfxJobFailRequestSchema>;

export const pfxJobCompletionResponseSchema = z.object({ deliveryId: z.string(), state: pfxDeliveryStateSchema });
export type PfxJobCompletionResponse = z.infer<typeof pfxJobCompletionResponseSchema>;
