import { baseServiceEnv, loadConfig, portVar } from '@certlab/service-kit';
import type { z } from 'zod';

export const SERVICE_NAME = 'ca';

const caEnv = baseServiceEnv.extend({
  /** CA API, CRL and AIA. */
  PORT: portVar(3200),
});

export type CaConfig = z.infer<typeof caEnv>;

export function loadCaConfig(env: NodeJS.ProcessEnv = process.env): CaConfig {
  return loadConfig(SERVICE_NAME, caEnv, env);
}
