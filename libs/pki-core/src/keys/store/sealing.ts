import { scrypt as scryptCb, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { KeyStoreError, PkiVerificationError } from '../../errors';
import { toArrayBuffer } from '../../encoding/bytes';

const scrypt = promisify(scryptCb) as (password: string, salt: Uint8Array, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** How the key-encryption key is derived; recorded in the store header so a store reopens with its own parameters. */
export type KdfParams =
  | { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number }
  | { readonly name: 'pbkdf2-sha256'; readonly iterations: number }
  /** A 256-bit master key supplied as is (the simulated HSM's partition key). */
  | { readonly name: 'raw' };

/** scrypt at N=2^15, r=8, p=1 (RFC 7914 §2's interactive-login cost, ~32 MiB, ~100 ms here). */
export const DEFAULT_KDF: KdfParams = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1 };

export type KeyStoreSecret = { readonly passphrase: string } | { readonly masterKey: Uint8Array };

interface HeaderJson {
  format: 'certlab-keystore/1';
  backend: string;
  kdf: KdfParams;
  salt: string;
  check: { iv: string; sealed: string };
}

const CHECK_PLAINTEXT = new TextEncoder().encode('certlab key store unlocked');
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

async function deriveKek(secret: KeyStoreSecret, kdf: KdfParams, salt: Uint8Array, crypto: Crypto): Promise<CryptoKey> {
  let raw: Uint8Array;
  if ('masterKey' in secret) {
    if (kdf.name !== 'raw') throw new KeyStoreError(`this key store is unlocked with a passphrase, not a master key`);
    if (secret.masterKey.length !== 32) throw new KeyStoreError('the master key must be 32 bytes (AES-256)');
    raw = new Uint8Array(secret.masterKey);
  } else if (kdf.name === 'scrypt') {
    raw = new Uint8Array(await scrypt(secret.passphrase, salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 }));
  } else if (kdf.name === 'pbkdf2-sha256') {
    const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret.passphrase), 'PBKDF2', false, ['deriveBits']);
    raw = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: toArrayBuffer(salt), iterations: kdf.iterations }, base, 256));
  } else {
    throw new KeyStoreError('this key store is unlocked with a master key, not a passphrase');
  }
  try {
    // Non-extractable: the KEK can seal and open key blobs but can never be read back out.
    return await crypto.subtle.importKey('raw', toArrayBuffer(raw), 'AES-GCM', false, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
  } finally {
    raw.fill(0);
  }
}

/** AES-256-GCM under the store's KEK. Every blob carries associated data naming what it is, so blobs cannot be swapped. */
export class Sealer {
  readonly #kek: CryptoKey;
  readonly #crypto: Crypto;

  private constructor(kek: CryptoKey, crypto: Crypto) {
    this.#kek = kek;
    this.#crypto = crypto;
  }

  /**
   * Unlocks an existing header, or creates one when `header` is undefined. A wrong passphrase is
   * detected here, on a check blob, rather than later as a "corrupt key" on first use.
   */
  static async unlock(
    header: Uint8Array | undefined,
    backend: string,
    secret: KeyStoreSecret,
    kdf: KdfParams,
    crypto: Crypto,
  ): Promise<{ sealer: Sealer; header?: Uint8Array }> {
    if (header === undefined) {
      const params: KdfParams = 'masterKey' in secret ? { name: 'raw' } : kdf;
      const salt = new Uint8Array(randomBytes(16));
      const sealer = new Sealer(await deriveKek(secret, params, salt, crypto), crypto);
      const check = await sealer.seal(CHECK_PLAINTEXT, 'check');
      const json: HeaderJson = { format: 'certlab-keystore/1', backend, kdf: params, salt: b64(salt), check: { iv: b64(check.iv), sealed: b64(check.sealed) } };
      return { sealer, header: new TextEncoder().encode(JSON.stringify(json, null, 2)) };
    }
    let json: HeaderJson;
    try {
      json = JSON.parse(new TextDecoder().decode(header)) as HeaderJson;
    } catch (err) {
      throw new KeyStoreError('the key store header is not valid JSON', { cause: err });
    }
    if (json.format !== 'certlab-keystore/1') throw new KeyStoreError(`unknown key store format "${String(json.format)}"`);
    if (json.backend !== backend) {
      throw new KeyStoreError(`this location holds a ${json.backend} key store, not a ${backend} one`);
    }
    const sealer = new Sealer(await deriveKek(secret, json.kdf, unb64(json.salt), crypto), crypto);
    try {
      await sealer.open(unb64(json.check.iv), unb64(json.check.sealed), 'check');
    } catch (err) {
      throw new PkiVerificationError('key store', `wrong ${'masterKey' in secret ? 'master key' : 'passphrase'}: the key store cannot be unlocked`, { cause: err });
    }
    return { sealer };
  }

  async seal(plaintext: Uint8Array, context: string): Promise<{ iv: Uint8Array; sealed: Uint8Array }> {
    const iv = new Uint8Array(randomBytes(12));
    const sealed = await this.#crypto.subtle.encrypt(this.#params(iv, context), this.#kek, toArrayBuffer(plaintext));
    return { iv, sealed: new Uint8Array(sealed) };
  }

  async open(iv: Uint8Array, sealed: Uint8Array, context: string): Promise<Uint8Array> {
    return new Uint8Array(await this.#crypto.subtle.decrypt(this.#params(iv, context), this.#kek, toArrayBuffer(sealed)));
  }

  /** Opens a sealed PKCS#8 blob straight into a CryptoKey, so the plaintext never exists as JS bytes. */
  async unwrapPrivateKey(
    iv: Uint8Array,
    sealed: Uint8Array,
    context: string,
    algorithm: RsaHashedImportParams | EcKeyImportParams,
    extractable: boolean,
    usages: KeyUsage[],
  ): Promise<CryptoKey> {
    return this.#crypto.subtle.unwrapKey('pkcs8', toArrayBuffer(sealed), this.#kek, this.#params(iv, context), algorithm, extractable, usages);
  }

  async wrapPrivateKey(key: CryptoKey, context: string): Promise<{ iv: Uint8Array; sealed: Uint8Array }> {
    const iv = new Uint8Array(randomBytes(12));
    const sealed = await this.#crypto.subtle.wrapKey('pkcs8', key, this.#kek, this.#params(iv, context));
    return { iv, sealed: new Uint8Array(sealed) };
  }

  #params(iv: Uint8Array, context: string): AesGcmParams {
    return { name: 'AES-GCM', iv: toArrayBuffer(iv), additionalData: toArrayBuffer(new TextEncoder().encode(context)), tagLength: 128 };
  }

  toString(): string {
    return 'Sealer [redacted]';
  }

  toJSON(): string {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
