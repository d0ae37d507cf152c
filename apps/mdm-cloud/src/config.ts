import { baseServiceEnv, loadConfig, optionalVar, portVar } from '@certlab/service-kit';
import { resolve } from 'node:path';
import { z } from 'zod';

export const SERVICE_NAME = 'mdm-cloud';

const cloudEnv = baseServiceEnv.extend({
  /** Admin API and console. */
  PORT: portVar(3000),
  /** Device and connector channel (mTLS). */
  DEVICE_PORT: portVar(3443),
  /** The built console (apps/admin-ui/dist); when absent the API still runs. */
  CONSOLE_DIR: z.string().default(resolve(__dirname, '..', '..', 'admin-ui', 'dist')),
  CA_URL: z.string().url().default('http://127.0.0.1:3200'),
  CONNECTOR_URL: z.string().url().default('http://127.0.0.1:3100'),
  /** The CA certificates the console offers for trusted-root profiles, fetched from `<CA_URL>/aia/<name>.crt`. */
  CA_CERTIFICATE_NAMES: z
    .string()
    .default('certlab-root-ca,certlab-issuing-ca')
    .transform((v) => v.split(',').map((n) => n.trim()).filter(Boolean)),
  /** The first administrator, created when the database has no console account. */
  CERTLAB_ADMIN_USERNAME: z.string().trim().min(1).default('admin'),
  CERTLAB_ADMIN_PASSWORD: optionalVar(),
  /** Seed demo users and groups on first start. */
  CERTLAB_SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Unlocks the MDM device CA's key store; when unset a generated one is kept in a 0600 file beside it. */
  MDM_KEYSTORE_PASSPHRASE: optionalVar(),
  /** How often devices check in without a nudge, and how often connectors send a heartbeat. */
  DEVICE_CHECKIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(8 * 3600),
  CONNECTOR_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(8 * 60),
});

export type CloudConfig = z.infer<typeof cloudEnv>;
export const CLOUD_CONFIG = Symbol('CLOUD_CONFIG');

export function loadCloudConfig(env: NodeJS.ProcessEnv = process.env): CloudConfig {
  return loadConfig(SERVICE_NAME, cloudEnv, env);
}
