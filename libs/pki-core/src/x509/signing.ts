import { randomBytes } from 'node:crypto';

/**
 * The signature algorithm for a CA key: RSASSA-PKCS1-v1_5 with the key's hash (SHA-256 by
 * default), or ECDSA with the curve's hash (RFC 5480 §4: P-256/SHA-256, P-384/SHA-384).
 */
export function signingAlgorithmFor(privateKey: CryptoKey): Algorithm | EcdsaParams | RsaHashedImportParams {
  const alg = privateKey.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm>;
  if (alg.name === 'ECDSA') return { name: 'ECDSA', hash: alg.namedCurve === 'P-384' ? 'SHA-384' : alg.namedCurve === 'P-521' ? 'SHA-512' : 'SHA-256' };
  if (alg.name === 'RSASSA-PKCS1-v1_5') return { name: 'RSASSA-PKCS1-v1_5', hash: alg.hash?.name ?? 'SHA-256' };
  throw new TypeError(`cannot sign certificates with a ${String(alg.name)} key; open it for RSASSA-PKCS1-v1_5 or ECDSA`);
}

/**
 * A random positive 16-byte serial (128 bits, above CA/B Forum's 64-bit minimum of entropy): the
 * top bit is cleared so the INTEGER needs no sign octet, and the first octet is non-zero so the
 * serial keeps all 16 bytes.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  if (bytes[0] === 0) bytes[0] = 0x01;
  return bytes.toString('hex');
}
