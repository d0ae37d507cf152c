import { loadConfig, optionalVar } from '@certlab/service-kit';
import { resolve } from 'node:path';
import { z } from 'zod';

const relayEnv = z.object({
  CERTLAB_DATA_DIR: z.string().default('.data'),
  /** The CA's request and admin API (HTTPS, client certificates). */
  CA_TLS_URL: z.string().url().default('https://127.0.0.1:3201'),
  /** The one-time token the CA wrote for the cloud-ca-admin identity; default <data>/ca/enrollment-tokens/cloud-ca-admin.token. */
  CA_ENROLLMENT_TOKEN_FILE: optionalVar(),
});

export interface CaRelayConfig {
  caTlsUrl: string;
  tokenFile: string;
  /** The relay's own key store: <data>/mdm-cloud/keys/ca-relay. */
  keyDir: string;
}

export const CA_RELAY_CONFIG = Symbol('CA_RELAY_CONFIG');

export function loadCaRelayConfig(env: NodeJS.ProcessEnv = process.env): CaRelayConfig {
  const c = loadConfig('mdm-cloud', relayEnv, env);
  const data = resolve(c.CERTLAB_DATA_DIR);
  return {
    caTlsUrl: c.CA_TLS_URL,
    tokenFile: c.CA_ENROLLMENT_TOKEN_FILE ?? resolve(data, 'ca', 'enrollment-tokens', 'cloud-ca-admin.token'),
    keyDir: resolve(data, 'mdm-cloud', 'keys', 'ca-relay'),
  };
}
