/**
 * The algorithms a PFX may name, as wire tables (OID → what it means). Parsing looks an OID up
 * here and refuses anything absent with a PkiFormatError naming the OID.
 */

/** RFC 7292 appendix C: the PKCS#12 PBE schemes (PKCS#12 KDF with SHA-1, then the cipher). */
export const PKCS12_PBE_SCHEMES = {
  '1.2.840.113549.1.12.1.3': { name: 'pbeWithSHAAnd3-KeyTripleDES-CBC', cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { name: 'pbeWithSHAAnd2-KeyTripleDES-CBC', cipher: 'des-ede-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { name: 'pbeWithSHAAnd128BitRC2-CBC', cipher: 'rc2', keyLength: 16 },
  '1.2.840.113549.1.12.1.6': { name: 'pbewithSHAAnd40BitRC2-CBC', cipher: 'rc2', keyLength: 5 },
} as const;
export type Pkcs12PbeOid = keyof typeof PKCS12_PBE_SCHEMES;

export const ID_PBES2 = '1.2.840.113549.1.5.13';
export const ID_PBKDF2 = '1.2.840.113549.1.5.12';

/** RFC 8018 appendix B.1: PBKDF2's PRF; hmacWithSHA1 is the DEFAULT when absent. */
export const PBKDF2_PRFS = {
  '1.2.840.113549.2.7': { name: 'hmacWithSHA1', hash: 'SHA-1' },
  '1.2.840.113549.2.8': { name: 'hmacWithSHA224', hash: 'SHA-224' },
  '1.2.840.113549.2.9': { name: 'hmacWithSHA256', hash: 'SHA-256' },
  '1.2.840.113549.2.10': { name: 'hmacWithSHA384', hash: 'SHA-384' },
  '1.2.840.113549.2.11': { name: 'hmacWithSHA512', hash: 'SHA-512' },
} as const;
export type Pbkdf2PrfOid = keyof typeof PBKDF2_PRFS;
export const DEFAULT_PBKDF2_PRF: Pbkdf2PrfOid = '1.2.840.113549.2.7';

/** RFC 8018 appendix B.2 and NIST: PBES2 encryption schemes (parameter: the IV). */
export const PBES2_CIPHERS = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes128-CBC', engine: 'AES-CBC', keyLength: 16, ivLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes192-CBC', engine: 'AES-CBC', keyLength: 24, ivLength: 16 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes256-CBC', engine: 'AES-CBC', keyLength: 32, ivLength: 16 },
  '1.2.840.113549.3.7': { name: 'des-EDE3-CBC', engine: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
} as const;
export type Pbes2CipherOid = keyof typeof PBES2_CIPHERS;

/** The MAC's digest (RFC 7292 section 4: MacData.mac is a DigestInfo). */
export const MAC_DIGESTS = {
  '1.3.14.3.2.26': { name: 'SHA-1', length: 20 },
  '2.16.840.1.101.3.4.2.4': { name: 'SHA-224', length: 28 },
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', length: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', length: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', length: 64 },
} as const;
export type MacDigestOid = keyof typeof MAC_DIGESTS;

/** PKCS#9 attributes PKCS#12 puts on bags (RFC 7292 section 4.2, RFC 2985). */
export const ID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
export const ID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

/**
 * A hostile file could name 2^31 iterations and turn a parse into a hang. Real tools use 2000
 * (Windows), 2048 (OpenSSL), up to a few hundred thousand; a million is far above all of them.
 */
export const MAX_ITERATIONS = 1_000_000;

export function lookup<T extends object>(table: T, oid: string): T[keyof T] | undefined {
  return Object.hasOwn(table, oid) ? table[oid as keyof T] : undefined;
}
