import { z } from 'zod';
import { pageQuerySchema } from './paging';

/**
 * Connectors (the Intune Certificate Connector). They only dial out: an administrator creates a
 * one-time registration token (`POST /api/connector-registration-tokens`); the connector sends it
 * with a PKCS#10 to `POST /api/connector/register` on the device port and receives a connector
 * certificate from the MDM CA. Every later call (heartbeat, job lease) is mTLS with that
 * certificate.
 */

export const CONNECTOR_HEALTH = {
  healthy: { label: 'Healthy', tone: 'success' },
  notResponding: { label: 'Not responding', tone: 'danger' },
} as const;
export type ConnectorHealth = keyof typeof CONNECTOR_HEALTH;
export const connectorHealthSchema = z.enum(Object.keys(CONNECTOR_HEALTH) as [ConnectorHealth, ...ConnectorHealth[]]);

/** A connector is healthy when its last heartbeat is younger than this many intervals. */
export const CONNECTOR_HEALTHY_INTERVALS = 2;

/** A connector as the admin API lists it (`GET /api/connectors`, `GET /api/connectors/:id`). */
export const connectorSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  registeredAt: z.string(),
  lastHeartbeatAt: z.string().nullable(),
  heartbeatIntervalSeconds: z.number().int(),
  health: connectorHealthSchema,
  certificateThumbprint: z.string(),
  certificateSerial: z.string(),
  certificateNotAfter: z.string(),
  /** What the connector said about itself in its last heartbeat (host name, uptime…). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
});
export type Connector = z.infer<typeof connectorSchema>;

export const connectorListQuerySchema = pageQuerySchema.extend({
  sort: z.enum(['name', 'registeredAt', 'lastHeartbeatAt']).optional(),
  health: connectorHealthSchema.optional(),
});
export type ConnectorListQuery = z.infer<typeof connectorListQuerySchema>;

export const CONNECTOR_TOKEN_STATUSES = {
  active: { label: 'Active', tone: 'info' },
  used: { label: 'Used', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
} as const;
export type ConnectorTokenStatus = keyof typeof CONNECTOR_TOKEN_STATUSES;
export const connectorTokenStatusSchema = z.enum(
  Object.keys(CONNECTOR_TOKEN_STATUSES) as [ConnectorTokenStatus, ...ConnectorTokenStatus[]],
);

/** Body of `POST /api/connector-registration-tokens` (administrator). */
export const createConnectorTokenRequestSchema = z.object({
  /** The name the connector will carry in the console. */
  name: z.string().trim().min(1).max(128),
  validForMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(60),
});
export type CreateConnectorTokenRequest = z.input<typeof createConnectorTokenRequestSchema>;

export const connectorTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: connectorTokenStatusSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  connectorId: z.string().nullable(),
});
export type ConnectorToken = z.infer<typeof connectorTokenSchema>;

/** Answer to `POST /api/connector-registration-tokens`: the only time `token` is shown. */
export const createdConnectorTokenSchema = connectorTokenSchema.extend({ token: z.string() });
export type CreatedConnectorToken = z.infer<typeof createdConnectorTokenSchema>;

/** `GET /api/connector-registration-tokens?…` */
export const connectorTokenListQuerySchema = pageQuerySchema.extend({
  sort: z.enum(['createdAt', 'expiresAt', 'name']).optional(),
  status: connectorTokenStatusSchema.optional(),
});
export type ConnectorTokenListQuery = z.infer<typeof connectorTokenListQuerySchema>;

/** Body of `POST /api/connector/register` on the device port (no client certificate yet). */
export const connectorRegisterRequestSchema = z.object({
  token: z.string().min(1).max(200),
  /** PKCS#10, PEM; the key stays in the connector's key store. */
  csr: z.string().min(1).max(20_000),
  version: z.string().trim().min(1).max(64),
});
export type ConnectorRegisterRequest = z.infer<typeof connectorRegisterRequestSchema>;

export const connectorRegisterResponseSchema = z.object({
  connectorId: z.string(),
  name: z.string(),
  /** The connector certificate, PEM. */
  certificate: z.string(),
  caCertificates: z.array(z.string()),
  /** PEM of the root the device port's TLS certificate chains to: pin it. */
  channelTrustAnchor: z.string(),
  heartbeatIntervalSeconds: z.number().int().min(1),
});
export type ConnectorRegisterResponse = z.infer<typeof connectorRegisterResponseSchema>;

const detailValue = z.union([z.string().max(256), z.number(), z.boolean()]);

/** Body of `POST /api/connector/heartbeat` (mTLS). */
export const connectorHeartbeatRequestSchema = z.object({
  version: z.string().trim().min(1).max(64),
  details: z
    .record(z.string().max(64), detailValue)
    .refine((d) => Object.keys(d).length <= 20, 'at most 20 details')
    .optional(),
});
export type ConnectorHeartbeatRequest = z.infer<typeof connectorHeartbeatRequestSchema>;

export const connectorHeartbeatResponseSchema = z.object({
  connectorId: z.string(),
  serverTime: z.string(),
  heartbeatIntervalSeconds: z.number().int().min(1),
});
export type ConnectorHeartbeatResponse = z.infer<typeof connectorHeartbeatResponseSchema>;

/**
 * Body of `POST /api/connector/jobs/lease` (mTLS). The lease contract:
 * - the connector asks for at most `max` jobs of the given `kinds` (all kinds it serves when
 *   omitted) and may wait up to `waitSeconds` for one to arrive (long poll; 0 answers at once);
 * - each returned job is leased to this connector until `leaseExpiresAt`; a job not completed by
 *   then returns to the queue and may be leased again (`attempt` counts leases);
 * - an empty `jobs` list means nothing is queued for this connector now; the connector leases
 *   again after `retryAfterSeconds`.
 * Queues (PKCS requests, PFX re-encryption, revocation) add their job kinds and a completion
 * endpoint; until a queue exists the answer is honestly empty.
 */
export const jobLeaseRequestSchema = z.object({
  kinds: z.array(z.string().min(1).max(64)).max(20).optional(),
  max: z.number().int().min(1).max(50).default(10),
  waitSeconds: z.number().int().min(0).max(30).default(0),
});
export type JobLeaseRequest = z.input<typeof jobLeaseRequestSchema>;

export const leasedJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  attempt: z.number().int().min(1),
  leaseExpiresAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type LeasedJob = z.infer<typeof leasedJobSchema>;

export const jobLeaseResponseSchema = z.object({
  jobs: z.array(leasedJobSchema),
  retryAfterSeconds: z.number().int().min(0),
});
export type JobLeaseResponse = z.infer<typeof jobLeaseResponseSchema>;
