import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './paging';

/**
 * PKCS certificate profiles and their request queue (the seed's second flow, ten steps):
 * (1) profile assigned; (2) the cloud queues one request per targeted device; (3) a connector
 * leases it, generates the key pair and a PKCS#10; (4–6) the CA issues against the profile's
 * template; (7) the connector builds a PKCS#12 under a random password; (8) encrypts the password
 * to the cloud's Key Recovery Agent certificate and uploads both; (9) the cloud decrypts the
 * password and re-encrypts PKCS#12 and password for the device's Device Management certificate;
 * (10) the device decrypts and imports the key marked non-exportable.
 */

export const PKCS_CERTIFICATE_TYPES = {
  user: { label: 'User' },
  device: { label: 'Device' },
} as const;
export type PkcsCertificateType = keyof typeof PKCS_CERTIFICATE_TYPES;
export const pkcsCertificateTypeSchema = z.enum(Object.keys(PKCS_CERTIFICATE_TYPES) as [PkcsCertificateType, ...PkcsCertificateType[]]);

/** Intune's Windows key storage provider choices. */
export const KEY_STORAGE_PROVIDERS = {
  tpmOrSoftware: { label: 'Enroll to TPM KSP if present, otherwise Software KSP' },
  tpmOrFail: { label: 'Enroll to TPM KSP, otherwise fail' },
  software: { label: 'Enroll to Software KSP' },
} as const;
export type KeyStorageProvider = keyof typeof KEY_STORAGE_PROVIDERS;
export const keyStorageProviderSchema = z.enum(Object.keys(KEY_STORAGE_PROVIDERS) as [KeyStorageProvider, ...KeyStorageProvider[]]);

export const VALIDITY_UNITS = ['days', 'months', 'years'] as const;

/** Well-known EKUs the wizard offers; any dotted OID may be added. */
export const PKCS_EKU_PRESETS = {
  clientAuth: { name: 'Client Authentication', oid: '1.3.6.1.5.5.7.3.2' },
  serverAuth: { name: 'Server Authentication', oid: '1.3.6.1.5.5.7.3.1' },
  emailProtection: { name: 'Secure Email', oid: '1.3.6.1.5.5.7.3.4' },
  smartcardLogon: { name: 'Smart Card Logon', oid: '1.3.6.1.4.1.311.20.2.2' },
} as const;

/** Subject alternative name types, as Intune's attribute picker names them. */
export const PROFILE_SAN_TYPES = {
  email: { label: 'Email address' },
  upn: { label: 'User principal name (UPN)' },
  dns: { label: 'DNS' },
  uri: { label: 'URI' },
} as const;
export type ProfileSanType = keyof typeof PROFILE_SAN_TYPES;

export const pkcsSanSchema = z.object({
  type: z.enum(Object.keys(PROFILE_SAN_TYPES) as [ProfileSanType, ...ProfileSanType[]]),
  /** e.g. `{{UserPrincipalName}}`, `{{DeviceName}}.corp.contoso.com`. */
  template: z.string().trim().min(1).max(512),
});
export type PkcsSan = z.infer<typeof pkcsSanSchema>;

/** What the admin fills in on the PKCS profile's Configuration settings (and what the cloud stores). */
export const pkcsSettingsSchema = z.object({
  certificateType: pkcsCertificateTypeSchema,
  /** The CA server, host[:port] of its request API (Intune: "Certification authority", an FQDN). */
  certificationAuthority: z
    .string()
    .trim()
    .min(1, 'name the CA server')
    .max(255)
    .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'a host name or address, optionally with :port'),
  /** Intune: "Certification authority name", e.g. the issuing CA's name on that server. */
  certificationAuthorityName: z.string().trim().min(1, 'name the CA').max(64),
  certificateTemplateName: z.string().trim().min(1, 'name the certificate template').max(64),
  subjectNameFormat: z.string().trim().min(1, 'a subject name format is required').max(1024),
  subjectAlternativeNames: z.array(pkcsSanSchema).max(10).default([]),
  validityPeriod: z.object({ value: z.number().int().min(1).max(100), unit: z.enum(VALIDITY_UNITS) }).default({ value: 1, unit: 'years' }),
  keyStorageProvider: keyStorageProviderSchema.default('tpmOrSoftware'),
  keySize: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).default(2048),
  renewalThresholdPercent: z.number().int().min(1).max(99).default(20),
  extendedKeyUsages: z
    .array(z.object({ name: z.string().trim().min(1).max(100), oid: z.string().regex(/^\d+(\.\d+)+$/, 'a dotted OID') }))
    .max(10)
    .default([{ ...PKCS_EKU_PRESETS.clientAuth }]),
  /** The trusted-root profile whose CA certificate the issued certificate chains to. */
  trustedRootProfileId: z.string().uuid('pick the trusted certificate profile'),
});
export type PkcsSettings = z.infer<typeof pkcsSettingsSchema>;

/** Each PKCS setting's label on Intune's Configuration settings page (the console's summary and wizard). */
export const PKCS_SETTING_LABELS: Record<keyof PkcsSettings, string> = {
  certificateType: 'Certificate type',
  certificationAuthority: 'Certification authority',
  certificationAuthorityName: 'Certification authority name',
  certificateTemplateName: 'Certificate template name',
  subjectNameFormat: 'Subject name format',
  subjectAlternativeNames: 'Subject alternative name',
  validityPeriod: 'Certificate validity period',
  keyStorageProvider: 'Key storage provider (KSP)',
  keySize: 'Key size (bits)',
  renewalThresholdPercent: 'Renewal threshold (%)',
  extendedKeyUsages: 'Extended key usage',
  trustedRootProfileId: 'Root certificate',
};
export type PkcsSettingsInput = z.input<typeof pkcsSettingsSchema>;

export const PKCS_REQUEST_STATES = {
  queued: { label: 'Queued', tone: 'info' },
  leased: { label: 'Leased by connector', tone: 'info' },
  issued: { label: 'Issued, awaiting device', tone: 'info' },
  delivered: { label: 'Delivered', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  /** The device left the profile (unassigned, new version, retired or wiped) before delivery. */
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  /** Its certificate was revoked at the CA because the device no longer has the profile. */
  revoked: { label: 'Revoked', tone: 'warning' },
} as const;
export type PkcsRequestState = keyof typeof PKCS_REQUEST_STATES;
export const pkcsRequestStateSchema = z.enum(Object.keys(PKCS_REQUEST_STATES) as [PkcsRequestState, ...PkcsRequestState[]]);

/** The ten steps, as the console and logs name them. */
export const PKCS_STEPS = {
  1: 'Profile assigned',
  2: 'Request queued for a connector',
  3: 'Connector generated the key pair and PKCS#10',
  4: 'Request submitted to the CA',
  5: 'CA verified the request',
  6: 'CA issued the certificate',
  7: 'Connector built the PKCS#12',
  8: 'PFX password encrypted to the KRA and uploaded',
  9: 'Cloud re-encrypted the PKCS#12 for the device',
  10: 'Device decrypted and imported the certificate',
} as const;
export type PkcsStep = keyof typeof PKCS_STEPS;

export const pkcsRequestEventSchema = z.object({
  at: z.string(),
  state: pkcsRequestStateSchema,
  step: z.number().int().min(1).max(10).nullable(),
  actor: z.string(),
  message: z.string(),
});
export type PkcsRequestEvent = z.infer<typeof pkcsRequestEventSchema>;

/** One PKCS request as the admin API shows it (`GET /api/pkcs/requests[/:id]`). No key, no password. */
export const pkcsRequestSchema = z.object({
  id: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  profileVersion: z.number().int(),
  certificateType: pkcsCertificateTypeSchema,
  deviceId: z.string(),
  deviceName: z.string(),
  userPrincipalName: z.string().nullable(),
  state: pkcsRequestStateSchema,
  /** The step the request reached last (failed: the step that failed). */
  step: z.number().int().min(1).max(10),
  failedStep: z.number().int().min(1).max(10).nullable(),
  failureReason: z.string().nullable(),
  leaseOwnerConnectorId: z.string().nullable(),
  leaseOwnerConnectorName: z.string().nullable(),
  leaseExpiresAt: z.string().nullable(),
  /** Leased, but the lease ran out (the connector died or stalled): the next lease takes it over. */
  leaseExpired: z.boolean(),
  attempts: z.number().int(),
  subject: z.string().nullable(),
  subjectAlternativeNames: z.array(z.object({ type: z.string(), value: z.string() })),
  caName: z.string(),
  caHost: z.string(),
  template: z.string(),
  caRequestId: z.number().int().nullable(),
  certificate: z
    .object({ serialNumber: z.string(), thumbprintSha1: z.string(), thumbprintSha256: z.string(), notAfter: z.string(), issuer: z.string(), subject: z.string() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type PkcsRequest = z.infer<typeof pkcsRequestSchema>;

export const pkcsRequestDetailSchema = pkcsRequestSchema.extend({ history: z.array(pkcsRequestEventSchema) });
export type PkcsRequestDetail = z.infer<typeof pkcsRequestDetailSchema>;

export const pkcsRequestListQuerySchema = pageQuerySchema.extend({
  state: pkcsRequestStateSchema.optional(),
  profileId: z.string().uuid().optional(),
  deviceId: z.string().uuid().optional(),
  sort: z.enum(['createdAt', 'updatedAt', 'deviceName', 'state']).optional(),
});
export type PkcsRequestListQuery = z.infer<typeof pkcsRequestListQuerySchema>;
export const pkcsRequestPageSchema = pageSchema(pkcsRequestSchema);
export type PkcsRequestPage = z.infer<typeof pkcsRequestPageSchema>;

/** `GET /api/pkcs/kra`: the KRA certificate connectors encrypt PFX passwords to (public). */
export const pkcsKraSchema = z.object({ certificate: z.string(), thumbprintSha256: z.string(), notAfter: z.string() });
export type PkcsKra = z.infer<typeof pkcsKraSchema>;

/** `GET /api/pkcs/wizard-options`: what the PKCS settings step offers besides the CA's own lists. */
export const pkcsWizardOptionsSchema = z.object({
  /** host:port of the CA request API the cloud's CA relay (and the connector) use. */
  caHost: z.string(),
  /** The template variables the subject name format and SANs may use. */
  variables: z.array(z.object({ name: z.string(), entity: z.enum(['user', 'device']), description: z.string() })),
});
export type PkcsWizardOptions = z.infer<typeof pkcsWizardOptionsSchema>;

/** `POST /api/pkcs/preview`: the subject and SANs as step 2 would render them for one device. */
export const pkcsPreviewRequestSchema = z.object({
  deviceId: z.string().uuid(),
  certificateType: pkcsCertificateTypeSchema,
  subjectNameFormat: z.string().trim().min(1).max(1024),
  subjectAlternativeNames: z.array(pkcsSanSchema).max(10).default([]),
});
export type PkcsPreviewRequest = z.input<typeof pkcsPreviewRequestSchema>;
export const pkcsPreviewSchema = z.object({
  deviceName: z.string(),
  userPrincipalName: z.string().nullable(),
  subject: z.string().nullable(),
  subjectAlternativeNames: z.array(z.object({ type: z.string(), value: z.string() })),
  /** Why it cannot be rendered for this device (a request would fail at step 2 with it). */
  problem: z.string().nullable(),
});
export type PkcsPreview = z.infer<typeof pkcsPreviewSchema>;

/* ---- the connector's side (device port, mTLS with the connector certificate) ---- */

export const PKCS_JOB_KIND = 'pkcs.request';

/** `payload` of a leased job of kind `pkcs.request`: everything the connector needs, rendered by the cloud. */
export const pkcsJobPayloadSchema = z.object({
  requestId: z.string(),
  profileName: z.string(),
  certificateType: pkcsCertificateTypeSchema,
  caHost: z.string(),
  caName: z.string(),
  template: z.string(),
  /** RFC 4514, rendered from the profile's subject name format. */
  subject: z.string(),
  subjectAlternativeNames: z.array(z.object({ type: z.enum(['email', 'upn', 'dns', 'uri']), value: z.string() })),
  keySize: z.number().int(),
  /**
   * The template's published policy as the CA's admin API lists it (null when it could not be
   * read): a template that does not allow private key export cannot make a PKCS#12, so the
   * connector refuses it before generating anything, as CertEnroll would.
   */
  templatePolicy: z.object({ allowPrivateKeyExport: z.boolean(), minimumRsaKeyBits: z.number().int() }).nullable(),
  /** PEM of the KRA certificate step 8 encrypts the PFX password to. */
  kraCertificate: z.string(),
  /**
   * What a previous attempt left (a connector died mid-request): the CA request id, and the key
   * escrowed as CMS EnvelopedData to the connector's CA identity certificate (only connectors
   * holding that identity can open it). The next attempt retrieves the same CA request instead of
   * issuing a second certificate.
   */
  resume: z.object({ caRequestId: z.number().int().nullable(), escrowedKey: z.string() }).nullable(),
});
export type PkcsJobPayload = z.infer<typeof pkcsJobPayloadSchema>;

const leaseRef = { attempt: z.number().int().min(1) };
const base64 = (max: number) =>
  z
    .string()
    .min(4)
    .max(max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');

/** `POST /api/connector/pkcs/:id/checkpoint`: before submitting to the CA (step 4). */
export const pkcsCheckpointRequestSchema = z.object({
  ...leaseRef,
  /** CMS EnvelopedData (base64 DER) of the PKCS#8 key, to the connector's CA identity certificate. */
  escrowedKey: base64(64 * 1024),
  caRequestId: z.number().int().nullable(),
});
export type PkcsCheckpointRequest = z.infer<typeof pkcsCheckpointRequestSchema>;

/** `POST /api/connector/pkcs/:id/upload`: steps 7–8. */
export const pkcsUploadRequestSchema = z.object({
  ...leaseRef,
  /** The PKCS#12, base64 DER, under the random password. */
  pfx: base64(256 * 1024),
  /** CMS EnvelopedData (base64 DER) of the password, to the KRA certificate. */
  encryptedPassword: base64(16 * 1024),
  /** The issued certificate, PEM (also inside the PFX; sent so the cloud need not open it to list it). */
  certificate: z.string().min(1).max(20_000),
  caRequestId: z.number().int(),
});
export type PkcsUploadRequest = z.infer<typeof pkcsUploadRequestSchema>;

/** `POST /api/connector/pkcs/:id/fail`: a step the connector could not do. */
export const pkcsFailRequestSchema = z.object({
  ...leaseRef,
  step: z.number().int().min(3).max(8),
  reason: z.string().trim().min(1).max(2000),
  /** The CA's problem code, e.g. `unknownTemplate`. */
  code: z.string().max(128).optional(),
});
export type PkcsFailRequest = z.infer<typeof pkcsFailRequestSchema>;

export const pkcsCompletionResponseSchema = z.object({ requestId: z.string(), state: pkcsRequestStateSchema });
export type PkcsCompletionResponse = z.infer<typeof pkcsCompletionResponseSchema>;

/* ---- the device's side ---- */

/** The desired-state payload of a PKCS profile on check-in. */
export const desiredPkcsPayloadSchema = z.object({
  requestId: z.string().nullable(),
  state: pkcsRequestStateSchema.nullable(),
  step: z.number().int().min(1).max(10),
  failedStep: z.number().int().min(1).max(10).nullable(),
  failureReason: z.string().nullable(),
  certificateType: pkcsCertificateTypeSchema,
  keyStorageProvider: keyStorageProviderSchema,
  /** Set once the certificate is ready: the device fetches the bundle here (`POST`, mTLS). */
  bundlePath: z.string().nullable(),
});
export type DesiredPkcsPayload = z.infer<typeof desiredPkcsPayloadSchema>;

/**
 * Answer to `POST /api/device/pkcs/:id/bundle`: step 9's output. `envelope` is CMS EnvelopedData
 * (AES-256-CBC, RSA-OAEP SHA-256) to the calling device's Device Management certificate; its
 * content is the JSON of `pkcsDeviceBundleContentSchema`.
 */
export const pkcsDeviceBundleSchema = z.object({ requestId: z.string(), envelope: z.string() });
export type PkcsDeviceBundle = z.infer<typeof pkcsDeviceBundleSchema>;
export const pkcsDeviceBundleContentSchema = z.object({ requestId: z.string(), pfx: z.string(), password: z.string() });
export type PkcsDeviceBundleContent = z.infer<typeof pkcsDeviceBundleContentSchema>;

/** `POST /api/device/pkcs/:id/result`: step 10's outcome. */
export const pkcsDeviceResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('succeeded'), thumbprintSha256: z.string().regex(/^[0-9A-F]{64}$/i) }),
  z.object({ status: z.literal('failed'), reason: z.string().trim().min(1).max(2000) }),
]);
export type PkcsDeviceResult = z.infer<typeof pkcsDeviceResultSchema>;
