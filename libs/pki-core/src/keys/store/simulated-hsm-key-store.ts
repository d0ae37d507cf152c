import { KeyObject } from 'node:crypto';
import { defaultCrypto } from '../../crypto-provider';
import { KeyStoreError } from '../../errors';
import { type KeyUse, webCryptoParams } from '../key-spec';
import type { KdfParams, KeyStoreSecret } from './sealing';
import { type KeyRecord, SealedKeyStore, openingRecord, sealContext } from './sealed-key-store';
import { type KeyStoreLocation, openStorage } from './open-options';

export type SimulatedHsmKeyStoreOptions = KeyStoreLocation & KeyStoreSecret & { readonly kdf?: KdfParams };

/**
 * Models the HSM that holds the CA, RA, KRA and connector keys: key blobs are wrapped under a
 * master key (a 32-byte key, or one derived from a passphrase) and unwrapped straight into
 * non-extractable CryptoKeys, so the plaintext PKCS#8 never exists as bytes after generation;
 * every export is refused.
 */
export class SimulatedHsmKeyStore extends SealedKeyStore {
  readonly backend = 'simulated-hsm' as const;
  protected readonly exportable = false;

  static async open(options: SimulatedHsmKeyStoreOptions, crypto: Crypto = defaultCrypto): Promise<SimulatedHsmKeyStore> {
    const secret: KeyStoreSecret = 'masterKey' in options ? { masterKey: options.masterKey } : { passphrase: options.passphrase };
    const { storage, location, sealer } = await openStorage(options, 'simulated-hsm', secret, options.kdf, crypto);
    return new SimulatedHsmKeyStore(storage, location, sealer, crypto);
  }

  protected async exportRecord(record: KeyRecord): Promise<Uint8Array> {
    throw new KeyStoreError(
      `key "${record.name}" lives in the simulated HSM and is non-exportable: sign, decrypt or unwrap with it through the key store instead`,
    );
  }

  protected async openPrivateKey(record: KeyRecord, use: KeyUse): Promise<CryptoKey> {
    const { algorithm, privateUsages } = webCryptoParams(record.spec, use);
    const context = sealContext(record.name, record.spec, record.spki);
    return openingRecord(record, () => this.sealer.unwrapPrivateKey(record.iv, record.sealed, context, algorithm, false, privateUsages));
  }

  protected async openKeyObject(record: KeyRecord): Promise<KeyObject> {
    // Node's KeyObject.from accepts a non-extractable CryptoKey; the object never leaves this store.
    return KeyObject.from(await this.openPrivateKey(record, { name: 'RSA-OAEP', hash: 'SHA-256' }));
  }
}
