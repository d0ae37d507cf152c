import { defaultCrypto } from '../../crypto-provider';
import { toArrayBuffer } from '../../encoding/bytes';
import { privateKeyObject } from '../node-keys';
import { type KeyUse, webCryptoParams } from '../key-spec';
import type { KdfParams } from './sealing';
import { type KeyRecord, SealedKeyStore, openingRecord, sealContext } from './sealed-key-store';
import { type KeyStoreLocation, openStorage } from './open-options';
import type { KeyObject } from 'node:crypto';

export type SoftwareKeyStoreOptions = KeyStoreLocation & { readonly passphrase: string; readonly kdf?: KdfParams };

/**
 * Keys sealed at rest with a passphrase-derived key (scrypt, or PBKDF2-SHA256, then AES-256-GCM);
 * opened as extractable CryptoKeys and exportable as PKCS#8. For devices and development setups;
 * the Tier 0 keys belong in the SimulatedHsmKeyStore.
 */
export class SoftwareKeyStore extends SealedKeyStore {
  readonly backend = 'software' as const;
  protected readonly exportable = true;

  /** Opens the store, creating it on first use. A wrong passphrase throws PkiVerificationError. */
  static async open(options: SoftwareKeyStoreOptions, crypto: Crypto = defaultCrypto): Promise<SoftwareKeyStore> {
    const { storage, location, sealer } = await openStorage(options, 'software', { passphrase: options.passphrase }, options.kdf, crypto);
    return new SoftwareKeyStore(storage, location, sealer, crypto);
  }

  protected async exportRecord(record: KeyRecord): Promise<Uint8Array> {
    return openingRecord(record, () => this.sealer.open(record.iv, record.sealed, sealContext(record.name, record.spec, record.spki)));
  }

  protected async openPrivateKey(record: KeyRecord, use: KeyUse): Promise<CryptoKey> {
    const pkcs8 = await this.exportRecord(record);
    try {
      const { algorithm, privateUsages } = webCryptoParams(record.spec, use);
      return await this.crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), algorithm, true, privateUsages);
    } finally {
      pkcs8.fill(0);
    }
  }

  protected async openKeyObject(record: KeyRecord): Promise<KeyObject> {
    const pkcs8 = await this.exportRecord(record);
    try {
      return privateKeyObject(pkcs8);
    } finally {
      pkcs8.fill(0);
    }
  }
}
