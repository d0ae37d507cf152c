import type { ConnectorRegisterResponse } from '@certlab/contracts';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Registration extends ConnectorRegisterResponse {
  cloudUrl: string;
  registeredAt: string;
}

/**
 * The connector's identity on disk, under `<data>/connector/`: `keys/` (the key store with the
 * connector key), `cloud-registration.json` (certificate, anchor, ids — nothing secret) and the
 * key store passphrase in a 0600 file unless CONNECTOR_KEYSTORE_PASSPHRASE is set.
 */
export class RegistrationStore {
  constructor(readonly dir: string) {}

  get keysDir(): string {
    return join(this.dir, 'keys');
  }

  read(): Registration | undefined {
    const file = join(this.dir, 'cloud-registration.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Registration) : undefined;
  }

  write(registration: Registration): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, 'cloud-registration.json');
    writeFileSync(`${file}.tmp`, `${JSON.stringify(registration, null, 2)}\n`, { mode: 0o644 });
    renameSync(`${file}.tmp`, file);
  }

  passphrase(fromEnv: string | undefined): string {
    if (fromEnv) return fromEnv;
    const file = join(this.dir, 'keystore.passphrase');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const generated = randomBytes(32).toString('base64url');
    writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    return generated;
  }
}
