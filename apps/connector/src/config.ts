import { baseServiceEnv, loadConfig, optionalVar, portVar } from '@certlab/service-kit';
import type { z } from 'zod';

export const SERVICE_NAME = 'connector';

const connectorEnv = baseServiceEnv.extend({
  /** NDES SCEP endpoint. */
  PORT: portVar(3100),
  /** The cloud's device port (mTLS), the only place the connector dials; unset = no cloud link. */
  CLOUD_DEVICE_URL: optionalVar(),
  /** One-time registration token from the console, or a file holding it (relative paths are under CERTLAB_DATA_DIR). */
  CONNECTOR_REGISTRATION_TOKEN: optionalVar(),
  CONNECTOR_REGISTRATION_TOKEN_FILE: optionalVar(),
  /** Pins the MDM device CA from the first call; otherwise the anchor the cloud sends is checked against its TLS certificate. */
  CLOUD_CA_FILE: optionalVar(),
  /** Unlocks the connector's key store; generated into a 0600 file under CERTLAB_DATA_DIR/connector when unset. */
  CONNECTOR_KEYSTORE_PASSPHRASE: optionalVar(),
});

export type ConnectorConfig = z.infer<typeof connectorEnv>;
export const CONNECTOR_CONFIG = Symbol('CONNECTOR_CONFIG');

export function loadConnectorConfig(env: NodeJS.ProcessEnv = process.env): ConnectorConfig {
  return loadConfig(SERVICE_NAME, connectorEnv, env);
}
