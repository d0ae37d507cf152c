import { constants, privateDecrypt, type KeyObject } from 'node:crypto';
import { KeyStoreError, PkiFormatError } from '../../errors';
import { derOrPem } from '../../encoding/pem';
import { toArrayBuffer } from '../../encoding/bytes';
import { keySpecOfPrivateKey } from '../codec';
import { spkiFromPkcs8 } from '../node-keys';
import { type KeySpec, type KeyUse, defaultKeyUse, isKeySpec, keySpecLabel, webCryptoParams } from '../key-spec';
import type { KeyStorage } from './storage';
import type { Sealer } from './sealing';
import type { KeyStore, StoredKeyInfo } from './key-store';

export const HEADER_ENTRY = 'keystore.json';
const KEY_SUFFIX = '.key.json';
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

interface KeyRecordJson {
  format: 'certlab-key/1';
  name: string;
  spec: KeySpec;
  createdAt: string;
  spki: string;
  iv: string;
  sealed: string;
}

export interface KeyRecord {
  readonly name: string;
  readonly spec: KeySpec;
  readonly createdAt: Date;
  readonly spki: Uint8Array;
  readonly iv: Uint8Array;
  readonly sealed: Uint8Array;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** Binds a sealed blob to its name, type and public key: a blob copied under another name does not open. */
export function sealContext(name: string, spec: KeySpec, spki: Uint8Array): string {
  return `certlab-key/1|${name}|${keySpecLabel(spec)}|${b64(spki)}`;
}

function useKey(use: KeyUse): string {
  return `${use.name}/${'hash' in use ? (use.hash ?? '') : ''}`;
}

/**
 * What both backends share: records on a KeyStorage, sealed with AES-256-GCM under a KEK. The
 * backends differ only in policy: how a sealed key is opened and whether it may be exported.
 */
export abstract class SealedKeyStore implements KeyStore {
  abstract readonly backend: 'software' | 'simulated-hsm';
  protected abstract readonly exportable: boolean;
  readonly #storage: KeyStorage;
  readonly #location: string;
  protected readonly sealer: Sealer;
  protected readonly crypto: Crypto;
  readonly #pairs = new Map<string, Promise<CryptoKeyPair>>();
  readonly #rawKeys = new Map<string, Promise<KeyObject>>();

  protected constructor(storage: KeyStorage, location: string, sealer: Sealer, crypto: Crypto) {
    this.#storage = storage;
    this.#location = location;
    this.sealer = sealer;
    this.crypto = crypto;
  }

  /** Opens a sealed record as a private CryptoKey for a use. */
  protected abstract openPrivateKey(record: KeyRecord, use: KeyUse): Promise<CryptoKey>;
  /** The node:crypto KeyObject for raw RSA; it stays inside the store. */
  protected abstract openKeyObject(record: KeyRecord): Promise<KeyObject>;
  protected abstract exportRecord(record: KeyRecord): Promise<Uint8Array>;

  async generate(name: string, spec: KeySpec): Promise<StoredKeyInfo> {
    checkName(name);
    if (!isKeySpec(spec)) throw new KeyStoreError(`unsupported key spec ${JSON.stringify(spec)}`);
    await this.#refuseExisting(name);
    // WebCrypto cannot wrap a non-extractable key, so the pair is generated extractable, sealed
    // at once and dropped; a real HSM does the same inside its boundary.
    const { algorithm, privateUsages, publicUsages } = webCryptoParams(spec);
    const params = spec.kind === 'rsa' ? { ...algorithm, modulusLength: spec.bits, publicExponent: new Uint8Array([1, 0, 1]) } : algorithm;
    const pair = (await this.crypto.subtle.generateKey(params, true, [...privateUsages, ...publicUsages])) as CryptoKeyPair;
    const spki = new Uint8Array(await this.crypto.subtle.exportKey('spki', pair.publicKey));
    const { iv, sealed } = await this.sealer.wrapPrivateKey(pair.privateKey, sealContext(name, spec, spki));
    return this.#save({ name, spec, createdAt: new Date(), spki, iv, sealed });
  }

  async importPrivateKey(name: string, pkcs8: Uint8Array | string): Promise<StoredKeyInfo> {
    checkName(name);
    await this.#refuseExisting(name);
    const der = derOrPem(pkcs8, 'PRIVATE KEY');
    const spec = keySpecOfPrivateKey(der);
    const spki = spkiFromPkcs8(der);
    const { iv, sealed } = await this.sealer.seal(der, sealContext(name, spec, spki));
    return this.#save({ name, spec, createdAt: new Date(), spki, iv, sealed });
  }

  async has(name: string): Promise<boolean> {
    checkName(name);
    return (await this.#storage.read(name + KEY_SUFFIX)) !== undefined;
  }

  async info(name: string): Promise<StoredKeyInfo> {
    return this.#info(await this.#load(name));
  }

  async list(): Promise<StoredKeyInfo[]> {
    const names = (await this.#storage.entries()).filter((e) => e.endsWith(KEY_SUFFIX)).map((e) => e.slice(0, -KEY_SUFFIX.length));
    return Promise.all(names.map((n) => this.info(n)));
  }

  async getKeyPair(name: string, use?: KeyUse): Promise<CryptoKeyPair> {
    const record = await this.#load(name);
    const chosen = use ?? defaultKeyUse(record.spec);
    const cacheKey = `${name}|${useKey(chosen)}`;
    let pair = this.#pairs.get(cacheKey);
    if (!pair) {
      pair = this.#openPair(record, chosen);
      this.#pairs.set(cacheKey, pair);
      pair.catch(() => this.#pairs.delete(cacheKey));
    }
    return pair;
  }

  async getPublicKeySpki(name: string): Promise<Uint8Array> {
    return new Uint8Array((await this.#load(name)).spki);
  }

  async exportPrivateKey(name: string): Promise<Uint8Array> {
    return this.exportRecord(await this.#load(name));
  }

  async decryptRaw(name: string, ciphertext: Uint8Array): Promise<Uint8Array> {
    const record = await this.#load(name);
    if (record.spec.kind !== 'rsa') throw new KeyStoreError(`key "${name}" is ${keySpecLabel(record.spec)}: raw decryption needs an RSA key`);
    const modulusBytes = record.spec.bits / 8;
    if (ciphertext.length !== modulusBytes) {
      // RFC 8017 §7.2.2 step 1: a ciphertext that is not exactly k octets is a decryption error.
      throw new PkiFormatError('RSA ciphertext', `is ${ciphertext.length} bytes, the ${record.spec.bits}-bit key needs exactly ${modulusBytes}`);
    }
    let keyObject = this.#rawKeys.get(name);
    if (!keyObject) {
      keyObject = this.openKeyObject(record);
      this.#rawKeys.set(name, keyObject);
      keyObject.catch(() => this.#rawKeys.delete(name));
    }
    try {
      return new Uint8Array(privateDecrypt({ key: await keyObject, padding: constants.RSA_NO_PADDING }, ciphertext));
    } catch (err) {
      throw new PkiFormatError('RSA ciphertext', 'is not smaller than the modulus', { cause: err });
    }
  }

  async delete(name: string): Promise<boolean> {
    checkName(name);
    for (const key of this.#pairs.keys()) if (key.startsWith(`${name}|`)) this.#pairs.delete(key);
    this.#rawKeys.delete(name);
    return this.#storage.remove(name + KEY_SUFFIX);
  }

  toString(): string {
    return `${this.constructor.name} [${this.backend} at ${this.#location}; key material redacted]`;
  }

  toJSON(): { backend: string; location: string } {
    return { backend: this.backend, location: this.#location };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  async #openPair(record: KeyRecord, use: KeyUse): Promise<CryptoKeyPair> {
    const { algorithm, publicUsages } = webCryptoParams(record.spec, use);
    const privateKey = await this.openPrivateKey(record, use);
    const publicKey = await this.crypto.subtle.importKey('spki', toArrayBuffer(record.spki), algorithm, true, publicUsages);
    return { privateKey, publicKey };
  }

  async #refuseExisting(name: string): Promise<void> {
    if (await this.has(name)) throw new KeyStoreError(`key "${name}" already exists; delete it first to replace it`);
  }

  #info(record: KeyRecord): StoredKeyInfo {
    return { name: record.name, spec: record.spec, createdAt: record.createdAt, exportable: this.exportable };
  }

  async #save(record: KeyRecord): Promise<StoredKeyInfo> {
    const json: KeyRecordJson = {
      format: 'certlab-key/1',
      name: record.name,
      spec: record.spec,
      createdAt: record.createdAt.toISOString(),
      spki: b64(record.spki),
      iv: b64(record.iv),
      sealed: b64(record.sealed),
    };
    await this.#storage.write(record.name + KEY_SUFFIX, new TextEncoder().encode(JSON.stringify(json, null, 2)));
    return this.#info(record);
  }

  async #load(name: string): Promise<KeyRecord> {
    checkName(name);
    const bytes = await this.#storage.read(name + KEY_SUFFIX);
    if (!bytes) throw new KeyStoreError(`no key named "${name}" in this key store`);
    let json: KeyRecordJson;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes)) as KeyRecordJson;
    } catch (err) {
      throw new KeyStoreError(`the record of key "${name}" is not valid JSON`, { cause: err });
    }
    if (json.format !== 'certlab-key/1' || json.name !== name || !isKeySpec(json.spec)) {
      throw new KeyStoreError(`the record of key "${name}" is not a certlab key record`);
    }
    return { name, spec: json.spec, createdAt: new Date(json.createdAt), spki: unb64(json.spki), iv: unb64(json.iv), sealed: unb64(json.sealed) };
  }
}

export function checkName(name: string): void {
  if (!KEY_NAME.test(name)) {
    throw new KeyStoreError(`invalid key name "${name}": use letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit`);
  }
}

/** Wraps a failure to open a sealed blob (tampered, or sealed under another name) in a clear error. */
export async function openingRecord<T>(record: KeyRecord, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new KeyStoreError(`key "${record.name}" does not open: its record was altered or belongs to another key`, { cause: err });
  }
}
