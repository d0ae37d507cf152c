/**
 * The algorithms CMS speaks here, as wire tables: OIDs on the left, what Node/WebCrypto calls
 * them on the right. Names are derived from these tables, never kept in a second list.
 */

export const DIGESTS = {
  // SHA-1 is read (and written only on request) because legacy SCEP clients still send it.
  'SHA-1': { oid: '1.3.14.3.2.26', rsaOid: '1.2.840.113549.1.1.5', ecdsaOid: '1.2.840.10045.4.1', bytes: 20 },
  'SHA-256': { oid: '2.16.840.1.101.3.4.2.1', rsaOid: '1.2.840.113549.1.1.11', ecdsaOid: '1.2.840.10045.4.3.2', bytes: 32 },
  'SHA-384': { oid: '2.16.840.1.101.3.4.2.2', rsaOid: '1.2.840.113549.1.1.12', ecdsaOid: '1.2.840.10045.4.3.3', bytes: 48 },
  'SHA-512': { oid: '2.16.840.1.101.3.4.2.3', rsaOid: '1.2.840.113549.1.1.13', ecdsaOid: '1.2.840.10045.4.3.4', bytes: 64 },
} as const;

export type HashName = keyof typeof DIGESTS;

export function hashByDigestOid(oid: string): HashName | undefined {
  return (Object.keys(DIGESTS) as HashName[]).find((h) => DIGESTS[h].oid === oid);
}

export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_RSAES_OAEP = '1.2.840.113549.1.1.7';
export const OID_MGF1 = '1.2.840.113549.1.1.8';
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';

export const NAMED_CURVES = {
  'P-256': { oid: '1.2.840.10045.3.1.7', bytes: 32 },
  'P-384': { oid: '1.3.132.0.34', bytes: 48 },
  'P-521': { oid: '1.3.132.0.35', bytes: 66 },
} as const;

export type CurveName = keyof typeof NAMED_CURVES;

export function curveByOid(oid: string): CurveName | undefined {
  return (Object.keys(NAMED_CURVES) as CurveName[]).find((c) => NAMED_CURVES[c].oid === oid);
}

/**
 * Content-encryption algorithms. Single DES is absent on purpose: Node 20's OpenSSL 3 only has
 * it in the legacy provider, and a reply must never downgrade to it. AES-192 is read only.
 */
export const CONTENT_CIPHERS = {
  'aes-128-cbc': { oid: '2.16.840.1.101.3.4.1.2', keyBytes: 16, ivBytes: 16 },
  'aes-192-cbc': { oid: '2.16.840.1.101.3.4.1.22', keyBytes: 24, ivBytes: 16 },
  'aes-256-cbc': { oid: '2.16.840.1.101.3.4.1.42', keyBytes: 32, ivBytes: 16 },
  // Legacy SCEP clients (old iOS, certmonger's defaults on some distributions) still offer 3DES.
  'des-ede3-cbc': { oid: '1.2.840.113549.3.7', keyBytes: 24, ivBytes: 8 },
} as const;

export type ContentCipher = keyof typeof CONTENT_CIPHERS;
/** The ciphers this library writes. */
export type WritableContentCipher = Exclude<ContentCipher, 'aes-192-cbc'>;

export function cipherByOid(oid: string): ContentCipher | undefined {
  return (Object.keys(CONTENT_CIPHERS) as ContentCipher[]).find((c) => CONTENT_CIPHERS[c].oid === oid);
}

/** How a content-encryption key is wrapped to an RSA recipient. */
export const KEY_WRAPS = {
  'rsa-pkcs1': { hash: undefined },
  'rsa-oaep-sha1': { hash: 'SHA-1' },
  'rsa-oaep-sha256': { hash: 'SHA-256' },
} as const;

export type KeyWrap = keyof typeof KEY_WRAPS;
export type OaepHash = 'SHA-1' | 'SHA-256';

export const CMS_OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;
