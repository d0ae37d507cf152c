import { baseServiceEnv, loadConfig, optionalVar, portVar } from '@certlab/service-kit';
import { z } from 'zod';

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
  /** The CA's plain HTTP port (identity enrollment by token) and its mTLS request API. */
  CA_URL: z.string().url().default('http://127.0.0.1:3200'),
  CA_TLS_URL: z.string().url().default('https://127.0.0.1:3201'),
  /**
   * The NDES/SCEP role, as the real connector lets an admin pick its features (SCEP, PKCS, PKCS
   * imported). Off, the connector enrols no RA and its SCEP endpoint says the role is off.
   */
  SCEP_ENABLED: z.enum(['true', 'false']).default('true'),
  /** The ndes-ra enrollment token the CA writes on first start (relative paths are under CERTLAB_DATA_DIR). */
  CA_ENROLLMENT_TOKEN_FILE_RA: z.string().default('ca/enrollment-tokens/ndes-ra.token'),
  /** The CA template the RA's encryption (CEP Encryption) certificate is requested on: it must give keyEncipherment. */
  RA_ENCRYPTION_TEMPLATE: z.string().min(1).default('CertlabRaEncryption'),
  /** NDES's registry template names: which CA template a validated request goes to, by the profile's certificate type. */
  SCEP_TEMPLATE_DEVICE: z.string().min(1).default('CertlabScepDevice'),
  SCEP_TEMPLATE_USER: z.string().min(1).default('CertlabScepUser'),
  /** Largest PKIOperation accepted (POST body or GET message). */
  SCEP_MAX_MESSAGE_BYTES: z.coerce.number().int().min(4096).max(4 * 1024 * 1024).default(256 * 1024),
  /** Unlocks the connector's key store; generated into a 0600 file under CERTLAB_DATA_DIR/connector when unset. */
  CONNECTOR_KEYSTORE_PASSPHRASE: optionalVar(),
});

export type ConnectorConfig = z.infer<typeof connectorEnv>;
export const CONNECTOR_CONFIG = Symbol('CONNECTOR_CONFIG');

export function loadConnectorConfig(env: NodeJS.ProcessEnv = process.env): ConnectorConfig {
  return loadConfig(SERVICE_NAME, connectorEnv, env);
}
