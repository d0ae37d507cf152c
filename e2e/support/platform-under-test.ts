import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The platform the suite runs against: its own ports (so a developer's `npm start` on the
 * defaults can keep running), a fresh data directory, and a known admin password.
 */
export const E2E = {
  root: resolve(__dirname, '..', '..'),
  cloudPort: Number(process.env.E2E_CLOUD_PORT ?? 4000),
  connectorPort: Number(process.env.E2E_CONNECTOR_PORT ?? 4100),
  caPort: Number(process.env.E2E_CA_PORT ?? 4200),
  devicePort: Number(process.env.E2E_DEVICE_PORT ?? 4443),
  admin: { username: 'admin', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-Admin-password-1' },
};

export const baseURL = `http://127.0.0.1:${E2E.cloudPort}`;

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'certlab-e2e-'));
}
