import { baseServiceEnv, loadConfig, portVar } from '@certlab/service-kit';
import type { z } from 'zod';

export const SERVICE_NAME = 'connector';

const connectorEnv = baseServiceEnv.extend({
  /** NDES SCEP endpoint. */
  PORT: portVar(3100),
});

export type ConnectorConfig = z.infer<typeof connectorEnv>;

export function loadConnectorConfig(env: NodeJS.ProcessEnv = process.env): ConnectorConfig {
  return loadConfig(SERVICE_NAME, connectorEnv, env);
}
