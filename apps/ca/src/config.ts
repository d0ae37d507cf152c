import { baseServiceEnv, loadConfig, optionalVar, portVar } from '@certlab/service-kit';
import { resolve } from 'node:path';
import { z } from 'zod';

export const SERVICE_NAME = 'ca';

const KEY_TYPES = ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ec-p256', 'ec-p384'] as const;

/** `name:Subject DN` pairs separated by `;` — one issuing CA each, all under the one root. */
const issuingCas = z
  .string()
  .default('certlab-issuing-ca:CN=certlab Issuing CA, O=certlab')
  .transform((v, ctx) => {
    const list = v
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf(':');
        return { name: pair.slice(0, at).trim(), subject: pair.slice(at + 1).trim() };
      });
    for (const ca of list) {
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(ca.name) || ca.subject === '') {
        ctx.addIssue({ code: 'custom', message: `"${ca.name}:${ca.subject}" must be name:Subject DN with a lowercase name of letters, digits and dashes` });
      }
    }
    if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'at least one issuing CA is needed' });
    return list;
  });

const caEnv = baseServiceEnv.extend({
  /** Plain HTTP: health, CRLs, AIA and OCSP, and identity enrollment by token. */
  PORT: portVar(3200),
  /** HTTPS with client certificates: the request and admin API. */
  TLS_PORT: portVar(3201),
  /** The base URL written into CDP and AIA extensions; it must reach the plain HTTP port. */
  CA_PUBLIC_URL: z.string().url().default('http://127.0.0.1:3200'),
  /** Unlocks the simulated HSM; when unset a random one is created once in <data>/ca/keystore.passphrase. */
  CA_KEYSTORE_PASSPHRASE: optionalVar(),
  CA_ROOT_NAME: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).default('certlab-root-ca'),
  CA_ROOT_SUBJECT: z.string().min(1).default('CN=certlab Root CA, O=certlab'),
  CA_ISSUING_CAS: issuingCas,
  CA_KEY_TYPE: z.enum(KEY_TYPES).default('rsa-2048'),
  CA_ROOT_VALIDITY_DAYS: z.coerce.number().int().min(2).max(36500).default(7300),
  CA_ISSUING_VALIDITY_DAYS: z.coerce.number().int().min(1).max(36500).default(3650),
  /** nextUpdate - thisUpdate of every CRL; a timer republishes before it runs out. */
  CA_CRL_PERIOD_SECONDS: z.coerce.number().int().min(2).max(366 * 86400).default(86400),
  CA_ENROLLMENT_TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 30),
});

export type CaConfig = z.infer<typeof caEnv>;
export const CA_CONFIG = Symbol('CA_CONFIG');
export type KeyTypeName = (typeof KEY_TYPES)[number];

export function loadCaConfig(env: NodeJS.ProcessEnv = process.env): CaConfig {
  const config = loadConfig(SERVICE_NAME, caEnv, env);
  if (config.CA_ISSUING_CAS.some((c) => c.name === config.CA_ROOT_NAME)) {
    throw new Error(`${SERVICE_NAME}: CA_ISSUING_CAS reuses the root's name "${config.CA_ROOT_NAME}"`);
  }
  return config;
}

/** Where the CA keeps files: <data>/ca (key store, enrollment tokens). */
export function caDataDir(config: Pick<CaConfig, 'CERTLAB_DATA_DIR'>): string {
  return resolve(config.CERTLAB_DATA_DIR, SERVICE_NAME);
}
