import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './paging';

/**
 * The cloud's SCEP validation service, in the shape of Intune's ScepRequestValidationFEService
 * (microsoft/Intune-Resource-Access, IntuneScepServiceClient): the policy module of an NDES or
 * third-party SCEP server calls `validateRequest` before it issues and `successNotification` /
 * `failureNotification` after. certlab serves it to registered connectors only, over the mTLS
 * connector channel on the device port, so a SCEP server written against Intune's API can be
 * pointed at certlab by changing the base URL.
 */

export const SCEP_VALIDATION_SERVICE = 'ScepRequestValidationFEService';
export const SCEP_VALIDATION_BASE_PATH = `/api/connector/${SCEP_VALIDATION_SERVICE}/ScepActions`;
export const SCEP_VALIDATION_PATHS = {
  validateRequest: `${SCEP_VALIDATION_BASE_PATH}/validateRequest`,
  successNotification: `${SCEP_VALIDATION_BASE_PATH}/successNotification`,
  failureNotification: `${SCEP_VALIDATION_BASE_PATH}/failureNotification`,
} as const;

/** RFC 8894 §3.2.1.4 failInfo names (the wire values live in pki-core's FAIL_INFO). */
export const SCEP_FAIL_INFO_NAMES = ['badAlg', 'badMessageCheck', 'badRequest', 'badTime', 'badCertId'] as const;
export type ScepFailInfoName = (typeof SCEP_FAIL_INFO_NAMES)[number];

/**
 * Every result code the validation service answers, with the failInfo the SCEP server puts in its
 * CertRep FAILURE and the hResult it reports in failureNotification. Names are Intune's
 * (IntuneScepServiceException.ErrorCode) except where marked as a certlab extension. The hResults
 * are certlab's: Windows codes where one fits (CRYPT_E_ASN1_ERROR, NTE_BAD_DATA, CERT_E_EXPIRED,
 * CERTSRV_E_*), otherwise values in the certificate-services facility (0x8009_48xx).
 */
export const SCEP_VALIDATION_RESULTS = {
  Success: { failInfo: null, hResult: 0, text: 'The request matches the challenge the cloud issued' },
  CertificateRequestDecodingFailed: { failInfo: 'badRequest', hResult: 0x80093100, text: 'certificateRequest is not a base64 PKCS#10' },
  ChallengePasswordMissing: { failInfo: 'badRequest', hResult: 0x80094004, text: 'The PKCS#10 carries no challengePassword' },
  ChallengeDeserializationError: { failInfo: 'badRequest', hResult: 0x80090005, text: 'The challengePassword is not in the form the cloud issues' },
  ChallengeDecryptionError: { failInfo: 'badRequest', hResult: 0x80090005, text: 'The challengePassword is not one the cloud issued' },
  ChallengeDecodingError: { failInfo: 'badRequest', hResult: 0x80090005, text: 'The challenge could not be decoded' },
  ChallengeInvalidTimestamp: { failInfo: 'badRequest', hResult: 0x800b0101, text: 'The challenge carries an invalid timestamp' },
  ChallengeExpired: { failInfo: 'badRequest', hResult: 0x800b0101, text: 'The challenge has expired' },
  /** certlab extension: Intune's challenges may be replayed until they expire; certlab's are single-use. */
  ChallengeAlreadyUsed: { failInfo: 'badRequest', hResult: 0x80094003, text: 'The challenge was already used for another request' },
  SubjectNameMissing: { failInfo: 'badRequest', hResult: 0x80094001, text: 'The request has no subject but the profile renders one' },
  SubjectNameMismatch: { failInfo: 'badRequest', hResult: 0x80094001, text: 'The subject differs from the one rendered for this device' },
  SubjectAltNameMissing: { failInfo: 'badRequest', hResult: 0x80094806, text: 'The request lacks subject alternative names the profile renders' },
  SubjectAltNameMismatch: { failInfo: 'badRequest', hResult: 0x80094806, text: 'The subject alternative names differ from the rendered ones' },
  KeyUsageMismatch: { failInfo: 'badRequest', hResult: 0x80094807, text: 'The requested key usage differs from the profile' },
  KeyLengthMismatch: { failInfo: 'badRequest', hResult: 0x80094811, text: 'The key is smaller than, or of another type than, the profile requires' },
  EnhancedKeyUsageMissing: { failInfo: 'badRequest', hResult: 0x80094808, text: 'The request lacks the extended key usages the profile requires' },
  EnhancedKeyUsageMismatch: { failInfo: 'badRequest', hResult: 0x80094808, text: 'The requested extended key usages differ from the profile' },
  AadKeyIdentifierListMissing: { failInfo: 'badRequest', hResult: 0x80094809, text: 'The request lacks the Azure AD key identifiers' },
  RegisteredKeyMismatch: { failInfo: 'badRequest', hResult: 0x8009480a, text: 'The key is not the one registered for the device' },
  SigningCertThumbprintMismatch: { failInfo: 'badRequest', hResult: 0x8009480b, text: 'The signing certificate is not the expected one' },
  ScepProfileNoLongerTargetedToTheClient: { failInfo: 'badRequest', hResult: 0x80094012, text: 'The SCEP profile is no longer assigned to this device' },
  SignatureValidationFailed: { failInfo: 'badMessageCheck', hResult: 0x80090006, text: 'A signature in the request does not verify' },
  BadCertificateRequestIdInChallenge: { failInfo: 'badRequest', hResult: 0x8009480c, text: 'The challenge belongs to another certificate request' },
  BadDeviceIdInChallenge: { failInfo: 'badRequest', hResult: 0x8009480d, text: 'The challenge was issued to another device' },
  BadUserIdInChallenge: { failInfo: 'badRequest', hResult: 0x8009480e, text: 'The challenge was issued to another user' },
} as const satisfies Record<string, { failInfo: ScepFailInfoName | null; hResult: number; text: string }>;
export type ScepValidationResultCode = keyof typeof SCEP_VALIDATION_RESULTS;
export const SCEP_VALIDATION_RESULT_CODES = Object.keys(SCEP_VALIDATION_RESULTS) as ScepValidationResultCode[];
export const scepValidationResultCodeSchema = z.enum(SCEP_VALIDATION_RESULT_CODES as [ScepValidationResultCode, ...ScepValidationResultCode[]]);

/** The failInfo a SCEP server answers for a refusal (badRequest for a code it does not know). */
export function failInfoForResult(code: string): ScepFailInfoName | null {
  const known = (SCEP_VALIDATION_RESULTS as Record<string, { failInfo: ScepFailInfoName | null }>)[code];
  return known ? known.failInfo : 'badRequest';
}

const base64 = z
  .string()
  .trim()
  .min(4)
  .max(64 * 1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');
const transactionId = z.string().trim().min(1).max(128);
const callerInfo = z.string().trim().max(256).optional();

/** `POST …/ScepActions/validateRequest`. The challenge rides inside the PKCS#10 as challengePassword. */
export const scepValidateRequestBodySchema = z.object({
  request: z.object({
    transactionId,
    /** Base64 DER of the PKCS#10, as Intune's library sends it. */
    certificateRequest: base64,
    callerInfo,
  }),
});
export type ScepValidateRequestBody = z.infer<typeof scepValidateRequestBodySchema>;

/** `POST …/ScepActions/successNotification`, after the CA issued. */
export const scepSuccessNotificationBodySchema = z.object({
  notification: z.object({
    transactionId,
    certificateRequest: base64,
    /** SHA-1 thumbprint, hex. */
    certificateThumbprint: z.string().trim().regex(/^[0-9A-Fa-f]{40}$/, 'must be a SHA-1 thumbprint in hex'),
    certificateSerialNumber: z.string().trim().regex(/^[0-9A-Fa-f]{1,64}$/, 'must be a hex serial number'),
    /** ISO 8601 UTC, as Intune's library formats it. */
    certificateExpirationDateUtc: z.string().datetime({ offset: true }),
    issuingCertificateAuthority: z.string().trim().min(1).max(512),
    callerInfo,
    /** certlab extension: the CA template that issued, shown in the console. */
    certificateTemplate: z.string().trim().max(64).optional(),
  }),
});
export type ScepSuccessNotificationBody = z.infer<typeof scepSuccessNotificationBodySchema>;

/** `POST …/ScepActions/failureNotification`: nothing was issued. */
export const scepFailureNotificationBodySchema = z.object({
  notification: z.object({
    transactionId,
    certificateRequest: base64,
    /** A 32-bit HRESULT (MS-ERREF §2.1); signed or unsigned as the caller's language prints it. */
    hResult: z
      .number()
      .int()
      .min(-(2 ** 31))
      .max(2 ** 32 - 1),
    errorDescription: z.string().trim().min(1).max(255),
    callerInfo,
  }),
});
export type ScepFailureNotificationBody = z.infer<typeof scepFailureNotificationBodySchema>;

/** Every ScepActions answer: HTTP 200 with a code; anything but Success is a refusal. */
export const scepValidationResponseSchema = z.object({
  code: z.string(),
  errorDescription: z.string(),
  /** certlab extension, on a Success of validateRequest: which CA template the connector submits to. */
  certificateType: z.enum(['user', 'device']).optional(),
});
export type ScepValidationResponse = z.infer<typeof scepValidationResponseSchema>;

/**
 * Intune's certificate issuance states (Graph `certificateIssuanceStates`), per device and SCEP
 * profile. The cloud moves a device through them: challengeIssued at check-in, then validation,
 * issuance and the device's install report.
 */
export const SCEP_ISSUANCE_STATES = {
  unknown: { label: 'Unknown', tone: 'neutral' },
  challengeIssued: { label: 'Challenge issued', tone: 'info' },
  challengeIssueFailed: { label: 'Challenge issue failed', tone: 'danger' },
  requestCreationFailed: { label: 'Request creation failed', tone: 'danger' },
  requestSubmitFailed: { label: 'Request submit failed', tone: 'danger' },
  challengeValidationSucceeded: { label: 'Challenge validated', tone: 'info' },
  challengeValidationFailed: { label: 'Challenge validation failed', tone: 'danger' },
  issueFailed: { label: 'Issue failed', tone: 'danger' },
  issuePending: { label: 'Issue pending', tone: 'warning' },
  issued: { label: 'Issued', tone: 'success' },
  responseProcessingFailed: { label: 'Response processing failed', tone: 'danger' },
  responsePending: { label: 'Response pending', tone: 'info' },
  enrollmentSucceeded: { label: 'Enrollment succeeded', tone: 'success' },
  enrollmentNotNeeded: { label: 'Enrollment not needed', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'neutral' },
  removedFromCollection: { label: 'Removed from collection', tone: 'neutral' },
  renewVerified: { label: 'Renewal verified', tone: 'success' },
  installFailed: { label: 'Install failed', tone: 'danger' },
  installed: { label: 'Installed', tone: 'success' },
  deleteFailed: { label: 'Delete failed', tone: 'danger' },
  deleted: { label: 'Deleted', tone: 'neutral' },
  renewalRequested: { label: 'Renewal requested', tone: 'info' },
  requested: { label: 'Requested', tone: 'info' },
} as const;
export type ScepIssuanceState = keyof typeof SCEP_ISSUANCE_STATES;
export const scepIssuanceStateSchema = z.enum(Object.keys(SCEP_ISSUANCE_STATES) as [ScepIssuanceState, ...ScepIssuanceState[]]);

/**
 * What the cloud expects a device's PKCS#10 to ask for, rendered per device from the SCEP
 * profile (subject and SAN templates filled with the device's and user's values). The SCEP
 * profile type hands this to the challenge service; the validation compares the CSR with it.
 */
export const scepExpectedRequestSchema = z.object({
  certificateType: z.enum(['user', 'device']),
  /** RFC 4514 DN as rendered; empty when the profile puts everything in SANs. */
  subject: z.string().max(1024),
  subjectAltNames: z
    .array(z.object({ type: z.enum(['dns', 'email', 'uri', 'upn']), value: z.string().min(1).max(1024) }))
    .max(50),
  key: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rsa'), minimumBits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]) }),
    z.object({ kind: z.literal('ec'), curve: z.enum(['P-256', 'P-384']) }),
  ]),
  keyUsage: z.array(z.enum(['digitalSignature', 'keyEncipherment'])).min(1),
  /** OIDs. */
  extendedKeyUsage: z.array(z.string().regex(/^\d+(\.\d+)+$/, 'must be an OID')).max(20),
});
export type ScepExpectedRequest = z.infer<typeof scepExpectedRequestSchema>;

/** Input of the cloud's challenge service (an in-process call by the SCEP profile type). */
export const scepChallengeIssueSchema = z.object({
  deviceId: z.string().uuid(),
  profileId: z.string().uuid(),
  profileVersion: z.number().int().min(1),
  expected: scepExpectedRequestSchema,
  /** Intune's challenges live 60 minutes. */
  validForMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
});
export type ScepChallengeIssue = z.input<typeof scepChallengeIssueSchema>;

/** What the challenge service returns: the only time the challenge exists in clear. */
export interface IssuedScepChallenge {
  challengeId: string;
  challenge: string;
  expiresAt: string;
}

/** One device's certificate from one SCEP profile, as the admin API shows it. */
export const scepIssuanceSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  profileId: z.string(),
  profileVersion: z.number().int(),
  state: scepIssuanceStateSchema,
  transactionId: z.string().nullable(),
  serialNumber: z.string().nullable(),
  thumbprint: z.string().nullable(),
  expiresAt: z.string().nullable(),
  issuingCertificateAuthority: z.string().nullable(),
  template: z.string().nullable(),
  /** The last refusal's result code (validation) or hResult (issuance), and its description. */
  errorCode: z.string().nullable(),
  hResult: z.number().int().nullable(),
  errorDescription: z.string().nullable(),
  updatedAt: z.string(),
});
export type ScepIssuance = z.infer<typeof scepIssuanceSchema>;

/** `GET /api/scep/issuances?deviceId=&profileId=&state=…` */
export const scepIssuanceListQuerySchema = pageQuerySchema.extend({
  deviceId: z.string().uuid().optional(),
  profileId: z.string().uuid().optional(),
  state: scepIssuanceStateSchema.optional(),
  sort: z.enum(['updatedAt', 'state', 'expiresAt']).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ScepIssuanceListQuery = z.infer<typeof scepIssuanceListQuerySchema>;
export const scepIssuancePageSchema = pageSchema(scepIssuanceSchema);
export type ScepIssuancePage = z.infer<typeof scepIssuancePageSchema>;

/** `GET /api/scep/issuances/:deviceId/:profileId/history` */
export const scepIssuanceHistoryEntrySchema = z.object({
  at: z.string(),
  state: scepIssuanceStateSchema,
  transactionId: z.string().nullable(),
  detail: z.string().nullable(),
  actor: z.string(),
});
export type ScepIssuanceHistoryEntry = z.infer<typeof scepIssuanceHistoryEntrySchema>;
export const scepIssuanceHistoryPageSchema = pageSchema(scepIssuanceHistoryEntrySchema);
export type ScepIssuanceHistoryPage = z.infer<typeof scepIssuanceHistoryPageSchema>;
