import { type KeySpec, SimulatedHsmKeyStore } from '@certlab/pki-core';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CA_CONFIG, type CaConfig, type KeyTypeName, caDataDir } from '../config';

export function keySpecOf(name: KeyTypeName): KeySpec {
  switch (name) {
    case 'rsa-2048':
      return { kind: 'rsa', bits: 2048 };
    case 'rsa-3072':
      return { kind: 'rsa', bits: 3072 };
    case 'rsa-4096':
      return { kind: 'rsa', bits: 4096 };
    case 'ec-p256':
      return { kind: 'ec', curve: 'P-256' };
    case 'ec-p384':
      return { kind: 'ec', curve: 'P-384' };
  }
}

/**
 * The CA's HSM: root and issuing CA keys in pki-core's SimulatedHsmKeyStore under
 * <data>/ca/keys, non-exportable, used only through sign. Its passphrase is the HSM's operator
 * card: CA_KEYSTORE_PASSPHRASE, or one generated on first start into <data>/ca/keystore.passphrase
 * (mode 0600) — in production that card is not on the same disk as the key blobs.
 */
@Injectable()
export class CaKeyVault {
  private store?: Promise<SimulatedHsmKeyStore>;

  constructor(@Inject(CA_CONFIG) private readonly config: CaConfig) {}

  open(): Promise<SimulatedHsmKeyStore> {
    this.store ??= SimulatedHsmKeyStore.open({ directory: join(caDataDir(this.config), 'keys'), passphrase: this.passphrase() });
    return this.store;
  }

  private passphrase(): string {
    if (this.config.CA_KEYSTORE_PASSPHRASE) return this.config.CA_KEYSTORE_PASSPHRASE;
    const dir = caDataDir(this.config);
    const file = join(dir, 'keystore.passphrase');
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    }
    return readFileSync(file, 'utf8').trim();
  }

  async keyPair(name: string): Promise<CryptoKeyPair> {
    return (await this.open()).getKeyPair(name);
  }
}
