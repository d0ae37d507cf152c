import { z } from 'zod';

const pfxConnectorEnv = z.object({
  /** Set to false for a connector that is not a PFX connector. */
  PFX_CONNECTOR_ENABLED: z.enum(['true', 'false']).default('true'),
  /** The CA template the PFX connector's encryption certificate is requested on: it must give keyEncipherment. */
  PFX_CONNECTOR_TEMPLATE: z.string().min(1).default('CertlabPfxConnectorEncryption'),
  /** Where its key store and certificate live. Default <data>/connector/pfx-connector. */
  PFX_CONNECTOR_DIR: z.string().optional(),
  /** How long one lease call waits for a re-encryption job (long poll). */
  PFX_LEASE_WAIT_SECONDS: z.coerce.number().int().min(0).max(30).default(10),
});

export type PfxConnectorConfig = z.infer<typeof pfxConnectorEnv>;
export const PFX_CONNECTOR_CONFIG = Symbol('PFX_CONNECTOR_CONFIG');

export function loadPfxConnectorConfig(env: NodeJS.ProcessEnv = process.env): PfxConnectorConfig {
  const parsed = pfxConnectorEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid PFX connector configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
