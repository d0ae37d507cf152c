import { createCipheriv, createDecipheriv } from 'node:crypto';
import { PkiVerificationError } from '../errors';
import { CONTENT_CIPHERS, type ContentCipher } from './algorithms';

/*
 * Content encryption runs on node:crypto rather than WebCrypto: WebCrypto has no DES-EDE3-CBC,
 * which legacy SCEP clients still use, and one code path for all three ciphers is simpler to
 * trust. The content-encryption key is ephemeral, so no key store is involved.
 */

export function encryptContent(cipher: ContentCipher, key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const c = createCipheriv(cipher, key, iv);
  return new Uint8Array(Buffer.concat([c.update(plaintext), c.final()]));
}

/**
 * Any failure (wrong key from implicit rejection, bad padding, truncated data) is the same
 * generic error: which one it was must not be observable.
 */
export function decryptContent(cipher: ContentCipher, key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  try {
    if (key.length !== CONTENT_CIPHERS[cipher].keyBytes || iv.length !== CONTENT_CIPHERS[cipher].ivBytes) throw new Error('length');
    const d = createDecipheriv(cipher, key, iv);
    return new Uint8Array(Buffer.concat([d.update(ciphertext), d.final()]));
  } catch {
    throw new PkiVerificationError('CMS EnvelopedData', 'content decryption failed');
  }
}

/** DES keys carry odd parity in the low bit of each byte (FIPS 46-3); OpenSSL ignores it, some HSMs do not. */
export function withDesParity(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key);
  for (let i = 0; i < out.length; i++) {
    let b = out[i] & 0xfe;
    let ones = 0;
    for (let v = b; v; v >>= 1) ones += v & 1;
    if (ones % 2 === 0) b |= 1;
    out[i] = b;
  }
  return out;
}
