import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The master passphrase of the cloud's key stores: from the environment when the operator gives
 * one, else generated once into a file only the service account can read (0600), so `npm start`
 * needs no setup and a restart reopens the same keys.
 */
export function keystorePassphrase(fromEnv: string | undefined, file: string): string {
  if (fromEnv) return fromEnv;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (text.length < 16) throw new Error(`${file} holds no usable passphrase: delete it together with the key store, or set MDM_KEYSTORE_PASSPHRASE`);
    return text;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const generated = randomBytes(32).toString('base64url');
  writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return generated;
}
