import { DigestInfo } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { OctetString } from '@peculiar/asn1-schema';
import { MacData } from '@peculiar/asn1-pfx';
import { defaultCrypto } from '../crypto-provider';
import { PkiFormatError, PkiVerificationError } from '../errors';
import { bytesEqual } from '../encoding/bytes';
import { MAC_DIGESTS, MAX_ITERATIONS, lookup } from './algorithms';
import { toExactBuffer } from './asn1';
import { bmpPassword, pkcs12Kdf, Pkcs12KdfId } from './kdf';

/**
 * The PFX integrity MAC (RFC 7292 section 5.1 and appendix B.4): an HMAC over the content of
 * authSafe, keyed by the PKCS#12 KDF with ID 3 and the MAC's own digest. OpenSSL 3 uses
 * HMAC-SHA256 this way; `-legacy` and Windows use HMAC-SHA1.
 */

async function hmac(hash: string, key: Uint8Array, data: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', toExactBuffer(key), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, toExactBuffer(data)));
}

const SHA256 = '2.16.840.1.101.3.4.2.1';

export async function createMacData(
  authSafeContent: Uint8Array,
  password: string,
  iterations: number,
  crypto: Crypto = defaultCrypto,
): Promise<MacData> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = pkcs12Kdf('SHA-256', bmpPassword(password), salt, iterations, Pkcs12KdfId.mac, 32);
  const mac = await hmac('SHA-256', key, authSafeContent, crypto);
  return new MacData({
    mac: new DigestInfo({
      digestAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256, parameters: null }),
      digest: new OctetString(mac),
    }),
    macSalt: new OctetString(salt),
    iterations,
  });
}

/**
 * Verifies the MAC and returns the BMPString password bytes that verified it. For an empty
 * password RFC 7292 B.1 gives two zero bytes, yet some writers (OpenSSL given a NULL password,
 * older Java keytool) key the MAC with zero bytes; OpenSSL's reader tries both, so does this.
 */
export async function verifyMacData(
  macData: MacData,
  authSafeContent: Uint8Array,
  password: string,
  crypto: Crypto = defaultCrypto,
): Promise<Uint8Array> {
  const digest = lookup(MAC_DIGESTS, macData.mac.digestAlgorithm.algorithm);
  if (!digest) {
    throw new PkiFormatError('PKCS#12', `unsupported MAC digest ${macData.mac.digestAlgorithm.algorithm}`);
  }
  const iterations = macData.iterations;
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new PkiFormatError('PKCS#12', `MAC iteration count out of range (${iterations})`);
  }
  const expected = new Uint8Array(macData.mac.digest.buffer);
  const salt = new Uint8Array(macData.macSalt.buffer);
  const candidates = password === '' ? [bmpPassword(''), new Uint8Array(0)] : [bmpPassword(password)];
  for (const pw of candidates) {
    const key = pkcs12Kdf(digest.name, pw, salt, iterations, Pkcs12KdfId.mac, digest.length);
    if (bytesEqual(await hmac(digest.name, key, authSafeContent, crypto), expected)) return pw;
  }
  throw new PkiVerificationError('PKCS#12', 'MAC does not verify: wrong password or corrupt file');
}
