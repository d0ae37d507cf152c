import { KeyObject, constants, createPrivateKey, privateDecrypt, randomBytes } from 'node:crypto';
import { PkiVerificationError } from '../errors';
import type { OaepHash } from './algorithms';
import { unpadPkcs1v15ImplicitRejection } from './pkcs1-implicit-rejection';

/**
 * The narrow capability CMS decryption needs from an RSA private key. A key store or HSM
 * implements it without the key ever leaving: nothing here asks for an extractable key.
 */
export interface RsaKeyUnwrapper {
  /** The modulus length in bytes (k). */
  readonly modulusBytes: number;
  /** Raw RSA decryption, c^d mod n, with no padding removed: exactly `modulusBytes` bytes. */
  decryptRaw(ciphertext: Uint8Array): Promise<Uint8Array>;
  /** RSAES-OAEP decryption with MGF1 over the same hash and an empty label. */
  decryptOaep(ciphertext: Uint8Array, hash: OaepHash): Promise<Uint8Array>;
}


/**
 * Unwraps a PKCS#1 v1.5-wrapped key of `expectedLength` bytes with implicit rejection: a bad
 * padding or a wrong length yields a pseudo-random key (deterministic per ciphertext), never an
 * error that could serve as a Bleichenbacher/Marvin oracle.
 */
export async function unwrapPkcs1v15(unwrapper: RsaKeyUnwrapper, encryptedKey: Uint8Array, expectedLength: number): Promise<Uint8Array> {
  const k = unwrapper.modulusBytes;
  // The ciphertext length is public, so refusing it here tells an attacker nothing new.
  if (encryptedKey.length > k) throw new PkiVerificationError('CMS EnvelopedData', 'content decryption failed');
  const ciphertext = new Uint8Array(k);
  ciphertext.set(encryptedKey, k - encryptedKey.length);
  const secret = await rejectionSecret(unwrapper);
  let em: Uint8Array;
  try {
    em = await unwrapper.decryptRaw(ciphertext);
  } catch {
    // A ciphertext >= n (public knowledge) is rejected the same implicit way, so a key meant for
    // another recipient fails exactly like a bad padding.
    em = new Uint8Array(k);
  }
  return unpadPkcs1v15ImplicitRejection(em, expectedLength, secret, ciphertext);
}

/**
 * Unwraps an RSAES-OAEP-wrapped key. A failed decoding or a wrong length is not reported either
 * (Manger's attack needs exactly that signal): a random key takes its place and the content
 * decryption then fails like any other wrong key.
 */
export async function unwrapOaep(unwrapper: RsaKeyUnwrapper, encryptedKey: Uint8Array, hash: OaepHash, expectedLength: number): Promise<Uint8Array> {
  const fallback = randomBytes(expectedLength);
  let key: Uint8Array;
  try {
    key = await unwrapper.decryptOaep(encryptedKey, hash);
  } catch {
    return new Uint8Array(fallback);
  }
  return key.length === expectedLength ? key : new Uint8Array(fallback);
}

const secrets = new WeakMap<RsaKeyUnwrapper, Promise<Uint8Array>>();

/**
 * The implicit-rejection secret must depend on the private key but need not export it: it is
 * the raw decryption of a fixed public block, which only the key holder can compute. OpenSSL
 * hashes d instead; an HSM cannot give us d, but it can do this.
 */
function rejectionSecret(unwrapper: RsaKeyUnwrapper): Promise<Uint8Array> {
  let secret = secrets.get(unwrapper);
  if (!secret) {
    const block = new Uint8Array(unwrapper.modulusBytes);
    // 0x00 first keeps the block below n; the rest is a fixed, recognisable pattern.
    const label = Buffer.from('certlab implicit rejection key derivation block');
    for (let i = 1; i < block.length; i++) block[i] = label[i % label.length];
    secret = unwrapper.decryptRaw(block);
    secrets.set(unwrapper, secret);
  }
  return secret;
}

/** Adapts a node:crypto private key (a KeyObject, a WebCrypto CryptoKey, or PKCS#8 DER) to RsaKeyUnwrapper. */
export function rsaUnwrapperFromKey(key: KeyObject | CryptoKey | Uint8Array): RsaKeyUnwrapper {
  const keyObject =
    key instanceof KeyObject ? key
    : key instanceof Uint8Array ? createPrivateKey({ key: Buffer.from(key), format: 'der', type: 'pkcs8' })
    : KeyObject.from(key);
  if (keyObject.type !== 'private' || keyObject.asymmetricKeyType !== 'rsa') {
    throw new TypeError('an RSA private key is needed to unwrap CMS keys');
  }
  const bits = keyObject.asymmetricKeyDetails?.modulusLength;
  if (!bits) throw new TypeError('RSA key without a modulus length');
  return {
    modulusBytes: Math.ceil(bits / 8),
    async decryptRaw(ciphertext) {
      return new Uint8Array(privateDecrypt({ key: keyObject, padding: constants.RSA_NO_PADDING }, ciphertext));
    },
    async decryptOaep(ciphertext, hash) {
      const oaepHash = hash === 'SHA-1' ? 'sha1' : 'sha256';
      return new Uint8Array(privateDecrypt({ key: keyObject, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, ciphertext));
    },
  };
}
