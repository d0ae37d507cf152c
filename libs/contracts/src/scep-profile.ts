import { z } from 'zod';
import { type Platform, PLATFORMS } from './devices';
import { keyStorageProviderSchema, PKCS_EKU_PRESETS, pkcsSanSchema, VALIDITY_UNITS } from './pkcs';
import { scepExpectedRequestSchema } from './scep-validation';

/**
 * SCEP certificate profiles (the seed's first flow): the fields of Intune's SCEP certificate
 * profile, the payload a device receives on check-in (step 1), and the admin API that hands the
 * same payload to a stock client (certmonger, openssl) on an external device.
 */

export const SCEP_CERTIFICATE_TYPES = {
  user: { label: 'User' },
  device: { label: 'Device' },
} as const;
export type ScepCertificateType = keyof typeof SCEP_CERTIFICATE_TYPES;
export const scepCertificateTypeSchema = z.enum(Object.keys(SCEP_CERTIFICATE_TYPES) as [ScepCertificateType, ...ScepCertificateType[]]);

/** The key a device generates. ECDSA exists only where the platform's SCEP client offers it. */
export const SCEP_KEY_OPTIONS = {
  rsa2048: { label: 'RSA 2048', spec: { kind: 'rsa', bits: 2048 } },
  rsa3072: { label: 'RSA 3072', spec: { kind: 'rsa', bits: 3072 } },
  rsa4096: { label: 'RSA 4096', spec: { kind: 'rsa', bits: 4096 } },
  ecP256: { label: 'ECDSA P-256', spec: { kind: 'ec', curve: 'P-256' } },
  ecP384: { label: 'ECDSA P-384', spec: { kind: 'ec', curve: 'P-384' } },
} as const;
export type ScepKeyOption = keyof typeof SCEP_KEY_OPTIONS;
export const scepKeyOptionSchema = z.enum(Object.keys(SCEP_KEY_OPTIONS) as [ScepKeyOption, ...ScepKeyOption[]]);

/**
 * Which platforms' SCEP clients generate which keys (Intune: Windows offers RSA 1024/2048/4096
 * in its SCEP CSP, Apple's and Android's clients also ECDSA). certlab omits RSA 1024.
 */
export const SCEP_KEY_SUPPORT: Record<Platform, readonly ScepKeyOption[]> = {
  windows: ['rsa2048', 'rsa3072', 'rsa4096'],
  ios: ['rsa2048', 'rsa3072', 'rsa4096', 'ecP256', 'ecP384'],
  macos: ['rsa2048', 'rsa3072', 'rsa4096', 'ecP256', 'ecP384'],
  android: ['rsa2048', 'rsa3072', 'rsa4096', 'ecP256', 'ecP384'],
};

export const SCEP_HASH_ALGORITHMS = ['SHA-256', 'SHA-384', 'SHA-512'] as const;
export type ScepHashAlgorithm = (typeof SCEP_HASH_ALGORITHMS)[number];

export const SCEP_KEY_USAGES = {
  digitalSignature: { label: 'Digital signature' },
  keyEncipherment: { label: 'Key encipherment' },
} as const;
export type ScepKeyUsage = keyof typeof SCEP_KEY_USAGES;

export const scepSettingsSchema = z.object({
  certificateType: scepCertificateTypeSchema,
  /** e.g. `CN={{UserName}},E={{EmailAddress}}`, `CN={{DeviceName}},O=Contoso`. */
  subjectNameFormat: z.string().trim().min(1, 'a subject name format is required').max(1024),
  subjectAlternativeNames: z.array(pkcsSanSchema).max(10).default([]),
  validityPeriod: z.object({ value: z.number().int().min(1).max(100), unit: z.enum(VALIDITY_UNITS) }).default({ value: 1, unit: 'years' }),
  keyStorageProvider: keyStorageProviderSchema.default('tpmOrSoftware'),
  keyUsage: z
    .array(z.enum(Object.keys(SCEP_KEY_USAGES) as [ScepKeyUsage, ...ScepKeyUsage[]]))
    .min(1, 'choose at least one key usage')
    .refine((v) => new Set(v).size === v.length, 'each key usage once')
    .default(['digitalSignature', 'keyEncipherment']),
  keySize: scepKeyOptionSchema.default('rsa2048'),
  hashAlgorithm: z.enum(SCEP_HASH_ALGORITHMS).default('SHA-256'),
  /** The trusted-root profile whose CA certificate the issued certificate chains to. */
  trustedRootProfileId: z.string().uuid('pick the trusted certificate profile'),
  extendedKeyUsages: z
    .array(z.object({ name: z.string().trim().min(1).max(100), oid: z.string().regex(/^\d+(\.\d+)+$/, 'a dotted OID') }))
    .max(10)
    .default([{ ...PKCS_EKU_PRESETS.clientAuth }]),
  renewalThresholdPercent: z.number().int().min(1, 'between 1 and 99 %').max(99, 'between 1 and 99 %').default(20),
  /** NDES endpoints, tried in order: `https://ndes.contoso.com/certsrv/mscep/mscep.dll`. */
  scepServerUrls: z
    .array(z.string().trim().url('a SCEP server URL such as http://127.0.0.1:3100/certsrv/mscep/mscep.dll'))
    .min(1, 'at least one SCEP server URL')
    .max(10)
    .refine((v) => v.every((u) => /^https?:/i.test(u)), 'SCEP server URLs are http or https'),
});
export type ScepSettings = z.infer<typeof scepSettingsSchema>;
export type ScepSettingsInput = z.input<typeof scepSettingsSchema>;

/** Each SCEP setting's label on Intune's Configuration settings page (the console's summary and wizard). */
export const SCEP_SETTING_LABELS: Record<keyof ScepSettings, string> = {
  certificateType: 'Certificate type',
  subjectNameFormat: 'Subject name format',
  subjectAlternativeNames: 'Subject alternative name',
  validityPeriod: 'Certificate validity period',
  keyStorageProvider: 'Key storage provider (KSP)',
  keyUsage: 'Key usage',
  keySize: 'Key size (bits)',
  hashAlgorithm: 'Hash algorithm',
  trustedRootProfileId: 'Root certificate',
  extendedKeyUsages: 'Extended key usage',
  renewalThresholdPercent: 'Renewal threshold (%)',
  scepServerUrls: 'SCEP server URLs',
};

/** A remark the API returns with a saved SCEP profile: not an error, but likely not what was meant. */
export const profileWarningSchema = z.object({ code: z.string(), message: z.string() });
export type ProfileWarning = z.infer<typeof profileWarningSchema>;

/** What the warnings depend on besides the settings: the targeted platforms and the root's assignment gap. */
export interface ScepWarningContext {
  readonly platforms: readonly Platform[];
  /** The trusted-root profile and how many of this profile's included groups it is not assigned to. */
  readonly root?: { readonly name: string; readonly missingGroups: number } | null;
}

/**
 * The SCEP profile's warnings: saved anyway, shown with the profile. One function for the cloud
 * (returned on save) and the console's Review step (shown before the admin creates).
 */
export function scepSettingsWarnings(s: Pick<ScepSettings, 'keyStorageProvider' | 'keyUsage' | 'keySize' | 'renewalThresholdPercent'>, ctx: ScepWarningContext): ProfileWarning[] {
  const warnings: ProfileWarning[] = [];
  if (ctx.root && ctx.root.missingGroups > 0) {
    warnings.push({ code: 'rootNotAssignedToSameGroups', message: `The trusted certificate profile "${ctx.root.name}" is not assigned to ${ctx.root.missingGroups} of the groups this profile is assigned to; devices there will not trust the chain and the SCEP profile fails on them.` });
  }
  if (s.keyStorageProvider === 'tpmOrFail' && ctx.platforms.some((p) => !PLATFORMS[p].hasTpm)) {
    warnings.push({ code: 'tpmOnlyOnWindows', message: 'Key storage provider applies to Windows only; other platforms keep the key in their own keystore.' });
  }
  if (s.keyUsage.includes('keyEncipherment') && SCEP_KEY_OPTIONS[s.keySize].spec.kind === 'ec') {
    warnings.push({ code: 'keyEnciphermentWithEcdsa', message: 'An ECDSA key cannot do key encipherment; the CA may drop it from the certificate.' });
  }
  if (s.renewalThresholdPercent > 50) {
    warnings.push({ code: 'renewalThresholdHigh', message: `A renewal threshold of ${s.renewalThresholdPercent} % renews certificates before half their life; Intune's default is 20 %.` });
  }
  return warnings;
}

/** The SCEP profile as the admin API shows it: its settings, the root's name, and its warnings. */
export const scepSettingsViewSchema = scepSettingsSchema.extend({
  trustedRootProfileName: z.string().nullable(),
  warnings: z.array(profileWarningSchema),
});
export type ScepSettingsView = z.infer<typeof scepSettingsViewSchema>;

/**
 * What a device's SCEP client needs (seed SCEP step 1), rendered for this device and profile.
 * The challenge is the only secret: it travels only here, over the device's mTLS channel, or
 * once to an administrator through the admin API for an external device.
 */
export const scepPayloadSchema = z.object({
  scepUrls: z.array(z.string()).min(1),
  challenge: z.string(),
  challengeExpiresAt: z.string(),
  certificateType: scepCertificateTypeSchema,
  /** RFC 4514, as rendered; the CSR must ask for exactly this. */
  subject: z.string(),
  subjectAlternativeNames: scepExpectedRequestSchema.shape.subjectAltNames,
  keySpec: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rsa'), bits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]) }),
    z.object({ kind: z.literal('ec'), curve: z.enum(['P-256', 'P-384']) }),
  ]),
  keyStorageProvider: keyStorageProviderSchema,
  keyUsage: z.array(z.enum(['digitalSignature', 'keyEncipherment'])),
  /** OIDs. */
  extendedKeyUsages: z.array(z.string()),
  hashAlgorithm: z.enum(SCEP_HASH_ALGORITHMS),
  trustedRootProfileId: z.string(),
  /** SHA-256 of the root the RA/CA chain must end in (the trusted-root profile's certificate). */
  trustedRootThumbprintSha256: z.string(),
  renewalThresholdPercent: z.number().int(),
  validityPeriod: z.object({ value: z.number().int(), unit: z.enum(VALIDITY_UNITS) }),
});
export type ScepPayload = z.infer<typeof scepPayloadSchema>;

/**
 * The device's desired SCEP entry: the payload with a challenge; or, once the device installed
 * the certificate, which one to keep; or why the cloud could not render it (a template variable
 * this device or user has no value for), which then shows on the device's status.
 */
export const desiredScepPayloadSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready'), scep: scepPayloadSchema }),
  /** The device reported this certificate installed for this version and it is not due for renewal: keep it. */
  z.object({ state: z.literal('installed'), thumbprint: z.string(), serialNumber: z.string(), expiresAt: z.string(), renewalThresholdPercent: z.number().int() }),
  /** The device reported its request PENDING at the CA (manager approval): keep polling with CertPoll, no new challenge. */
  z.object({ state: z.literal('pending'), transactionId: z.string().nullable() }),
  z.object({ state: z.literal('renderFailed'), errorCode: z.string(), message: z.string() }),
]);
export type DesiredScepPayload = z.infer<typeof desiredScepPayloadSchema>;

/** `GET /api/devices/:id/scep-payload/:profileId`: a stock client's payload; the challenge is shown once. */
export const scepPayloadResponseSchema = scepPayloadSchema.extend({
  deviceId: z.string(),
  profileId: z.string(),
  profileVersion: z.number().int(),
  /** PEM of the trusted root, to check the NDES chain with (`scep-submit -I`, `openssl verify`). */
  trustedRootCertificate: z.string(),
});
export type ScepPayloadResponse = z.infer<typeof scepPayloadResponseSchema>;

/** Intune: renewal starts when the remaining validity falls under the threshold. */
export function renewalDue(notBefore: Date, notAfter: Date, thresholdPercent: number, now = new Date()): boolean {
  const total = notAfter.getTime() - notBefore.getTime();
  if (total <= 0) return true;
  return (notAfter.getTime() - now.getTime()) / total < thresholdPercent / 100;
}
