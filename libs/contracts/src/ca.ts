import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './paging';

/**
 * The CA's API (apps/ca): the request API the connector and NDES call over mTLS, the admin API
 * the cloud relays for the console, and the one public call that turns an enrollment token into
 * an identity certificate. Serial numbers are lowercase hex; certificates are PEM.
 */

/** Header the caAdmin identity sets to name the console user it acts for. */
export const CA_ACTOR_HEADER = 'x-certlab-actor';

/** RFC 5280 §5.3.1 reasons an admin may give; removeFromCRL is the CA's own (unrevoke). */
export const CA_REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
] as const;
export const caRevocationReasonSchema = z.enum(CA_REVOCATION_REASONS);
export type CaRevocationReason = z.infer<typeof caRevocationReasonSchema>;

export const CA_IDENTITY_KINDS = ['enrollmentAgent', 'computer', 'caAdmin'] as const;
export type CaIdentityKind = (typeof CA_IDENTITY_KINDS)[number];

const base64Der = z
  .string()
  .trim()
  .min(4)
  .max(64 * 1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 DER');

export const caSubmitRequestSchema = z
  .object({
    template: z.string().trim().min(1).max(64),
    /** PKCS#10, base64 DER. */
    csr: base64Der.optional(),
    /** CMS SignedData (base64 DER) whose content is the PKCS#10, signed by an enrollment agent. */
    signedRequest: base64Der.optional(),
    caName: z.string().trim().min(1).max(64).optional(),
  })
  .refine((b) => (b.csr === undefined) !== (b.signedRequest === undefined), { message: 'send exactly one of csr or signedRequest', path: ['csr'] });
export type CaSubmitRequest = z.infer<typeof caSubmitRequestSchema>;

export const CA_REQUEST_STATUSES = ['issued', 'pending', 'denied'] as const;
export const caRequestStatusSchema = z.enum(CA_REQUEST_STATUSES);
export type CaRequestStatus = z.infer<typeof caRequestStatusSchema>;

export const caRequestSchema = z.object({
  requestId: z.number().int(),
  status: caRequestStatusSchema,
  caName: z.string(),
  template: z.string(),
  requester: z.string(),
  /** Subject of the CSR as sent (empty when the template builds it). */
  requestedSubject: z.string(),
  publicKey: z.string(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** Which rule refused or pended the request, e.g. `enrollPermissionDenied`. */
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  serialNumber: z.string().nullable(),
  /** PEM; only once issued. */
  certificate: z.string().nullable(),
});
export type CaRequest = z.infer<typeof caRequestSchema>;

export const caRequestListQuerySchema = pageQuerySchema.extend({ status: caRequestStatusSchema.optional(), order: z.enum(['asc', 'desc']).default('desc') });
export type CaRequestListQuery = z.infer<typeof caRequestListQuerySchema>;
export const caRequestPageSchema = pageSchema(caRequestSchema.omit({ certificate: true }));
export type CaRequestPage = z.infer<typeof caRequestPageSchema>;

export const caDenyRequestSchema = z.object({ reason: z.string().trim().max(500).optional() });
export type CaDenyRequest = z.infer<typeof caDenyRequestSchema>;

export const CA_CERTIFICATE_STATUSES = ['issued', 'revoked'] as const;
export const caCertificateSchema = z.object({
  serialNumber: z.string(),
  caName: z.string(),
  requestId: z.number().int(),
  template: z.string(),
  requester: z.string(),
  subject: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  thumbprintSha1: z.string(),
  status: z.enum(CA_CERTIFICATE_STATUSES),
  revokedAt: z.string().nullable(),
  revocationReason: caRevocationReasonSchema.nullable(),
  revokedBy: z.string().nullable(),
  certificate: z.string(),
});
export type CaCertificate = z.infer<typeof caCertificateSchema>;

export const caCertificateListQuerySchema = pageQuerySchema.extend({ status: z.enum(CA_CERTIFICATE_STATUSES).optional(), order: z.enum(['asc', 'desc']).default('desc') });
export type CaCertificateListQuery = z.infer<typeof caCertificateListQuerySchema>;
export const caCertificatePageSchema = pageSchema(caCertificateSchema.omit({ certificate: true }));
export type CaCertificatePage = z.infer<typeof caCertificatePageSchema>;

export const caRevokeRequestSchema = z.object({ reason: caRevocationReasonSchema });
export type CaRevokeRequest = z.infer<typeof caRevokeRequestSchema>;

export const caCrlInfoSchema = z.object({
  crlNumber: z.string(),
  thisUpdate: z.string(),
  nextUpdate: z.string(),
  entries: z.number().int(),
  url: z.string(),
});
export type CaCrlInfo = z.infer<typeof caCrlInfoSchema>;

export const caAuthoritySchema = z.object({
  name: z.string(),
  role: z.enum(['root', 'issuing']),
  /** The CA that signed this one (null for the root). */
  parent: z.string().nullable(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  thumbprintSha1: z.string(),
  thumbprintSha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyType: z.string(),
  signatureAlgorithm: z.string(),
  aiaUrl: z.string(),
  ocspUrl: z.string(),
  certificate: z.string(),
  crl: caCrlInfoSchema,
});
export type CaAuthority = z.infer<typeof caAuthoritySchema>;
export const caAuthorityListSchema = z.object({ items: z.array(caAuthoritySchema) });

export const CA_SUBJECT_SOURCES = ['request', 'directory'] as const;
export const caTemplateSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  purpose: z.string(),
  keyUsage: z.array(z.string()),
  extendedKeyUsage: z.array(z.string()),
  validityDays: z.number().int(),
  minimumRsaKeyBits: z.number().int(),
  subjectSource: z.enum(CA_SUBJECT_SOURCES),
  allowPrivateKeyExport: z.boolean(),
  requiresRaSignature: z.boolean(),
  requiresApproval: z.boolean(),
  enroll: z.array(z.string()),
});
export type CaTemplate = z.infer<typeof caTemplateSchema>;
export const caTemplateListSchema = z.object({ items: z.array(caTemplateSchema) });

export const caAuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  requestId: z.number().int().nullable(),
  target: z.string().nullable(),
  outcome: z.enum(['success', 'failure']),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type CaAuditEvent = z.infer<typeof caAuditEventSchema>;
export const caAuditQuerySchema = pageQuerySchema.extend({
  action: z.string().trim().max(64).optional(),
  requestId: z.coerce.number().int().optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type CaAuditQuery = z.infer<typeof caAuditQuerySchema>;
export const caAuditPageSchema = pageSchema(caAuditEventSchema);

export const caIdentityEnrollRequestSchema = z.object({
  token: z.string().trim().min(16).max(200),
  /** PKCS#10, base64 DER; its subject is empty or the identity's own (the template builds it). */
  csr: base64Der,
});
export type CaIdentityEnrollRequest = z.infer<typeof caIdentityEnrollRequestSchema>;
export const caIdentityEnrollResponseSchema = z.object({
  identity: z.string(),
  kind: z.enum(CA_IDENTITY_KINDS),
  requestId: z.number().int(),
  certificate: z.string(),
  /** Issuing CA first, root last (PEM). */
  chain: z.array(z.string()),
});
export type CaIdentityEnrollResponse = z.infer<typeof caIdentityEnrollResponseSchema>;
export const caIdentityTokenResponseSchema = z.object({ identity: z.string(), token: z.string(), expiresAt: z.string() });
export type CaIdentityTokenResponse = z.infer<typeof caIdentityTokenResponseSchema>;

/**
 * An admin registers a new on-prem computer identity at the CA (as creating an AD computer
 * account and adding it to the templates' Enroll ACLs) and gets its one-time enrollment token,
 * shown once. Identity templates (directory subjects) are never granted this way.
 */
export const caIdentityNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and hyphens, 2–63 characters');
export const caIdentityCreateRequestSchema = z.object({
  name: caIdentityNameSchema,
  /** Request-subject templates the identity may enroll on, e.g. CertlabPkcs. */
  enrollOn: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
});
export type CaIdentityCreateRequest = z.infer<typeof caIdentityCreateRequestSchema>;
export const caIdentityCreateResponseSchema = caIdentityTokenResponseSchema.extend({
  kind: z.enum(CA_IDENTITY_KINDS),
  template: z.string(),
  enrollOn: z.array(z.string()),
});
export type CaIdentityCreateResponse = z.infer<typeof caIdentityCreateResponseSchema>;
export const caIdentitySchema = z.object({
  name: z.string(),
  kind: z.enum(CA_IDENTITY_KINDS),
  template: z.string(),
  certificateSerial: z.string().nullable(),
  createdAt: z.string(),
  /** Templates whose Enroll permission names this identity. */
  enrollOn: z.array(z.string()),
});
export type CaIdentity = z.infer<typeof caIdentitySchema>;
export const caIdentityListSchema = z.object({ items: z.array(caIdentitySchema) });
