// The certlab processes, their ports and environment: one table for `npm start` and the e2e suite.
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

/**
 * Each service names the services that must be healthy before it starts (`after`): the CA first
 * (it writes the identity tokens others enrol with), then the cloud (it writes the local
 * connector's registration token), then the connector, which dials both.
 */
export function platformServices(env = process.env) {
  const host = env.HOST ?? '127.0.0.1';
  const port = (name, fallback) => Number(env[name] ?? fallback);
  const ports = {
    ca: port('CA_PORT', 3200),
    caTls: port('CA_TLS_PORT', Number(env.CA_PORT ?? 3200) + 1),
    connector: port('CONNECTOR_PORT', 3100),
    cloud: port('CLOUD_PORT', 3000),
    device: port('DEVICE_PORT', 3443),
  };
  const url = (p) => `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${p}`;
  return [
    { name: 'ca', after: [], color: 'magenta', main: 'apps/ca/dist/main.js', port: ports.ca, ports: [ports.ca, ports.caTls], url: url(ports.ca), env: { PORT: String(ports.ca), TLS_PORT: String(ports.caTls), CA_PUBLIC_URL: url(ports.ca) } },
    {
      name: 'connector',
      after: ['ca', 'mdm-cloud'],
      color: 'yellow',
      ports: [ports.connector],
      main: 'apps/connector/dist/main.js',
      port: ports.connector,
      url: url(ports.connector),
      env: {
        PORT: String(ports.connector),
        CA_URL: url(ports.ca),
        CA_TLS_URL: url(ports.caTls).replace('http:', 'https:'),
        // Outbound to the cloud's device port; on first start it registers with the one-time
        // token the cloud writes into its own data directory (relative to CERTLAB_DATA_DIR).
        CLOUD_DEVICE_URL: url(ports.device).replace('http:', 'https:'),
        CONNECTOR_REGISTRATION_TOKEN_FILE: env.CONNECTOR_REGISTRATION_TOKEN_FILE ?? 'mdm-cloud/local-connector-registration.token',
      },
    },
    {
      name: 'mdm-cloud',
      after: ['ca'],
      color: 'cyan',
      ports: [ports.cloud, ports.device],
      main: 'apps/mdm-cloud/dist/main.js',
      port: ports.cloud,
      url: url(ports.cloud),
      env: { PORT: String(ports.cloud), DEVICE_PORT: String(ports.device), CA_URL: url(ports.ca), CA_TLS_URL: url(ports.caTls).replace('http:', 'https:'), CONNECTOR_URL: url(ports.connector) },
    },
  ];
}
