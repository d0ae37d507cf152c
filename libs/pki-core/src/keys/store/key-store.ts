import type { KeySpec, KeyUse } from '../key-spec';

export interface StoredKeyInfo {
  readonly name: string;
  readonly spec: KeySpec;
  readonly createdAt: Date;
  /** Whether `exportPrivateKey` will hand out the PKCS#8; false for every key in the simulated HSM. */
  readonly exportable: boolean;
}

/**
 * Holds the private keys of the CA, the RA, the KRA and the connector. Keys are sealed at rest,
 * never logged and only leave through `exportPrivateKey` where the backend allows it.
 */
export interface KeyStore {
  readonly backend: 'software' | 'simulated-hsm';
  generate(name: string, spec: KeySpec): Promise<StoredKeyInfo>;
  /** Imports an unencrypted PKCS#8 key (DER or PEM); the key's type is read from the key. */
  importPrivateKey(name: string, pkcs8: Uint8Array | string): Promise<StoredKeyInfo>;
  has(name: string): Promise<boolean>;
  info(name: string): Promise<StoredKeyInfo>;
  list(): Promise<StoredKeyInfo[]>;
  /**
   * The key pair opened for a use: by default signing (RSASSA-PKCS1-v1_5/SHA-256 or ECDSA);
   * `{ name: 'RSA-OAEP', hash }` opens the same RSA key for decrypt/unwrapKey.
   */
  getKeyPair(name: string, use?: KeyUse): Promise<CryptoKeyPair>;
  getPublicKeySpki(name: string): Promise<Uint8Array>;
  /** The PKCS#8 DER; throws KeyStoreError where the backend forbids export. */
  exportPrivateKey(name: string): Promise<Uint8Array>;
  /**
   * Raw RSA: c^d mod n, as many bytes as the modulus, no padding removed (RSA_NO_PADDING). This is
   * the one capability the CMS code needs to unwrap PKCS#1 v1.5 key transport in constant time
   * (Node 20 refuses RSA_PKCS1_PADDING decryption), without the key leaving the store.
   */
  decryptRaw(name: string, ciphertext: Uint8Array): Promise<Uint8Array>;
  delete(name: string): Promise<boolean>;
}
