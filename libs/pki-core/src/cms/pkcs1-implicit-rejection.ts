import { createHash, createHmac } from 'node:crypto';

/**
 * RSAES-PKCS1-v1_5 unpadding with implicit rejection, after draft-irtf-cfrg-rsa-guidance and
 * OpenSSL 3.2's `ossl_rsa_padding_check_PKCS1_type_2` (the Marvin attack fix).
 *
 * Node 20 refuses RSA_PKCS1_PADDING decryption (CVE-2023-46809) and `--security-revert` is not
 * an option, so the key holder decrypts with RSA_NO_PADDING and the padding is checked here.
 * A malformed block never produces a distinguishable error: it yields a pseudo-random message
 * derived from the ciphertext and a secret only the key holder has, so the caller goes on and
 * fails later exactly as with a well-padded block holding the wrong key.
 *
 * Because CMS knows the content-encryption key length, the expected length is an input: a
 * well-formed block of another length is rejected the same implicit way, and the message is
 * always read from the last `expectedLength` bytes, so no index depends on secret bytes. Every
 * byte of `em` is visited and there are no branches or early returns on its contents.
 */
export function unpadPkcs1v15ImplicitRejection(
  em: Uint8Array,
  expectedLength: number,
  rejectionSecret: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  const k = em.length;
  // The public parts (k, expectedLength) may branch: an impossible length is a caller bug.
  if (expectedLength < 1 || expectedLength > k - 11) {
    throw new RangeError(`a ${expectedLength}-byte key cannot be PKCS#1 v1.5 padded in a ${k}-byte modulus`);
  }
  const synthetic = syntheticMessage(rejectionSecret, ciphertext, k, expectedLength);

  // EM = 0x00 || 0x02 || PS (>= 8 nonzero bytes) || 0x00 || M
  let good = ctEq(em[0], 0) & ctEq(em[1], 2);
  let found = 0;
  let zeroIndex = 0;
  for (let i = 2; i < k; i++) {
    const isZero = ctEq(em[i], 0);
    const first = isZero & (found ^ 1);
    zeroIndex = ctSelect(first, i, zeroIndex);
    found |= isZero;
  }
  good &= found;
  good &= ctGe(zeroIndex, 10); // PS is at least 8 bytes: the separator is at index 10 or later
  good &= ctEq(k - zeroIndex - 1, expectedLength);

  const out = new Uint8Array(expectedLength);
  const offset = k - expectedLength;
  for (let j = 0; j < expectedLength; j++) out[j] = ctSelect(good, em[offset + j], synthetic[j]);
  return out;
}

/**
 * KDK = HMAC-SHA256(SHA256(secret), ciphertext padded to k bytes); then
 * message = HMAC-SHA256(KDK, i || "message" || bitLength) blocks, as the draft's PRF does.
 */
function syntheticMessage(secret: Uint8Array, ciphertext: Uint8Array, k: number, length: number): Uint8Array {
  const padded = new Uint8Array(k);
  padded.set(ciphertext.subarray(Math.max(0, ciphertext.length - k)), Math.max(0, k - ciphertext.length));
  const kdk = createHmac('sha256', createHash('sha256').update(secret).digest()).update(padded).digest();
  const out = new Uint8Array(length);
  const bits = Buffer.alloc(2);
  bits.writeUInt16BE(length * 8);
  for (let block = 0, at = 0; at < length; block++, at += 32) {
    const counter = Buffer.alloc(2);
    counter.writeUInt16BE(block);
    const chunk = createHmac('sha256', kdk).update(counter).update('message').update(bits).digest();
    out.set(chunk.subarray(0, Math.min(32, length - at)), at);
  }
  return out;
}

/** 1 when a === b, else 0; a and b are small non-negative integers (< 2^31). */
function ctEq(a: number, b: number): number {
  return (((a ^ b) - 1) >>> 31) & 1;
}

/** 1 when a >= b, else 0; both in [0, 2^31). */
function ctGe(a: number, b: number): number {
  return (((a - b) >>> 31) & 1) ^ 1;
}

/** bit ? a : b without a branch; bit is 0 or 1. */
function ctSelect(bit: number, a: number, b: number): number {
  const mask = -bit;
  return (a & mask) | (b & ~mask);
}
