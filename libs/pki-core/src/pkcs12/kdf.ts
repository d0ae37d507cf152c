import { createHash } from 'node:crypto';

/**
 * The PKCS#12 key derivation function of RFC 7292 appendix B.2, used by the legacy
 * pbeWithSHAAnd* schemes (IDs 1 and 2) and, in every PFX OpenSSL and Windows write, by the
 * integrity MAC (ID 3). WebCrypto has no such KDF, so it is built on `node:crypto` hashes.
 */

/** RFC 7292 B.3: which material is derived. */
export const Pkcs12KdfId = { key: 1, iv: 2, mac: 3 } as const;
export type Pkcs12KdfId = (typeof Pkcs12KdfId)[keyof typeof Pkcs12KdfId];

/** Hash name (node:crypto), output length u and block length v, per B.2's "u" and "v". */
const HASHES = {
  'SHA-1': { node: 'sha1', u: 20, v: 64 },
  'SHA-224': { node: 'sha224', u: 28, v: 64 },
  'SHA-256': { node: 'sha256', u: 32, v: 64 },
  'SHA-384': { node: 'sha384', u: 48, v: 128 },
  'SHA-512': { node: 'sha512', u: 64, v: 128 },
} as const;
export type Pkcs12KdfHash = keyof typeof HASHES;

export function isPkcs12KdfHash(name: string): name is Pkcs12KdfHash {
  return Object.hasOwn(HASHES, name);
}

/**
 * RFC 7292 B.1: "the password is a BMPString ... two zero bytes are appended". OpenSSL 3
 * converts the UTF-8 password to UTF-16BE the same way, so non-ASCII passwords agree.
 */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

function repeatToMultiple(input: Uint8Array, v: number): Uint8Array {
  if (input.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(v * Math.ceil(input.length / v));
  for (let i = 0; i < out.length; i++) out[i] = input[i % input.length];
  return out;
}

/**
 * RFC 7292 B.2, step by step. `password` is already the BMPString bytes (see bmpPassword):
 * the MAC of an empty-password file may be computed over zero bytes instead, and the caller
 * chooses.
 */
export function pkcs12Kdf(
  hash: Pkcs12KdfHash,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  id: Pkcs12KdfId,
  length: number,
): Uint8Array {
  const { node, u, v } = HASHES[hash];
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError('iterations must be a positive integer');
  // 1. D = v copies of ID.
  const d = new Uint8Array(v).fill(id);
  // 2-4. S and P: salt and password repeated to a multiple of v bytes; I = S || P.
  const i = new Uint8Array([...repeatToMultiple(salt, v), ...repeatToMultiple(password, v)]);
  // 5. c = ceil(n / u).
  const c = Math.ceil(length / u);
  const out = new Uint8Array(c * u);
  for (let block = 0; block < c; block++) {
    // 6A. A_i = H^r(D || I).
    let a = createHash(node).update(d).update(i).digest();
    for (let r = 1; r < iterations; r++) a = createHash(node).update(a).digest();
    out.set(a, block * u);
    if (block === c - 1) break;
    // 6B. B = A_i repeated to v bytes.
    const b = repeatToMultiple(a, v);
    // 6C. Each v-byte block I_j of I becomes (I_j + B + 1) mod 2^(8v).
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = i[j + k] + b[k] + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  // 8. The first n bits of A.
  return out.slice(0, length);
}
