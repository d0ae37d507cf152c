import { defaultCrypto } from '../crypto-provider';

/** The key types certlab issues and accepts; Intune profiles offer RSA 2048/3072/4096, and the CAs may use ECDSA. */
export type KeySpec =
  | { readonly kind: 'rsa'; readonly bits: 2048 | 3072 | 4096 }
  | { readonly kind: 'ec'; readonly curve: 'P-256' | 'P-384' };

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/**
 * What a private key is imported for. One stored PKCS#8 key can be opened for several of these:
 * the KRA's and a device's RSA key sign (PKCS#1 v1.5) and also unwrap CMS content keys (OAEP).
 */
export type KeyUse =
  | { readonly name: 'RSASSA-PKCS1-v1_5'; readonly hash?: HashName }
  | { readonly name: 'RSA-PSS'; readonly hash?: HashName }
  | { readonly name: 'RSA-OAEP'; readonly hash?: HashName }
  | { readonly name: 'ECDSA' }
  | { readonly name: 'ECDH' };

export const KEY_SPECS: readonly KeySpec[] = [
  { kind: 'rsa', bits: 2048 },
  { kind: 'rsa', bits: 3072 },
  { kind: 'rsa', bits: 4096 },
  { kind: 'ec', curve: 'P-256' },
  { kind: 'ec', curve: 'P-384' },
];

export function keySpecLabel(spec: KeySpec): string {
  return spec.kind === 'rsa' ? `RSA ${spec.bits}` : `ECDSA ${spec.curve}`;
}

export function isKeySpec(value: unknown): value is KeySpec {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.kind === 'rsa') return v.bits === 2048 || v.bits === 3072 || v.bits === 4096;
  if (v.kind === 'ec') return v.curve === 'P-256' || v.curve === 'P-384';
  return false;
}

/** RSA keys sign with RSASSA-PKCS1-v1_5/SHA-256 (what AD CS and every SCEP client use); EC keys sign with ECDSA. */
export function defaultKeyUse(spec: KeySpec): KeyUse {
  return spec.kind === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA' };
}

/** The hash that goes with a curve, as RFC 5480 §4 pairs them (P-256/SHA-256, P-384/SHA-384). */
export function ecdsaHashFor(curve: 'P-256' | 'P-384'): HashName {
  return curve === 'P-256' ? 'SHA-256' : 'SHA-384';
}

export function checkUseMatchesSpec(spec: KeySpec, use: KeyUse): void {
  const rsa = use.name === 'RSASSA-PKCS1-v1_5' || use.name === 'RSA-PSS' || use.name === 'RSA-OAEP';
  if ((spec.kind === 'rsa') !== rsa) {
    throw new TypeError(`a ${keySpecLabel(spec)} key cannot be used for ${use.name}`);
  }
}

/** WebCrypto import/generate parameters and usages for a spec opened for a use. */
export function webCryptoParams(
  spec: KeySpec,
  use: KeyUse = defaultKeyUse(spec),
): { algorithm: RsaHashedImportParams | EcKeyImportParams; privateUsages: KeyUsage[]; publicUsages: KeyUsage[] } {
  checkUseMatchesSpec(spec, use);
  switch (use.name) {
    case 'RSASSA-PKCS1-v1_5':
    case 'RSA-PSS':
      return { algorithm: { name: use.name, hash: use.hash ?? 'SHA-256' }, privateUsages: ['sign'], publicUsages: ['verify'] };
    case 'RSA-OAEP':
      return {
        algorithm: { name: 'RSA-OAEP', hash: use.hash ?? 'SHA-256' },
        privateUsages: ['decrypt', 'unwrapKey'],
        publicUsages: ['encrypt', 'wrapKey'],
      };
    case 'ECDSA':
      return { algorithm: { name: 'ECDSA', namedCurve: (spec as { curve: string }).curve }, privateUsages: ['sign'], publicUsages: ['verify'] };
    case 'ECDH':
      return { algorithm: { name: 'ECDH', namedCurve: (spec as { curve: string }).curve }, privateUsages: ['deriveBits', 'deriveKey'], publicUsages: [] };
  }
}

/** Generates a key pair for signing (or another use). Extractable by default: stores decide what leaves them. */
export async function generateKeyPair(
  spec: KeySpec,
  options: { use?: KeyUse; extractable?: boolean } = {},
  crypto: Crypto = defaultCrypto,
): Promise<CryptoKeyPair> {
  const { algorithm, privateUsages, publicUsages } = webCryptoParams(spec, options.use);
  const params =
    spec.kind === 'rsa'
      ? { ...(algorithm as RsaHashedImportParams), modulusLength: spec.bits, publicExponent: new Uint8Array([1, 0, 1]) }
      : algorithm;
  return (await crypto.subtle.generateKey(params, options.extractable ?? true, [...privateUsages, ...publicUsages])) as CryptoKeyPair;
}
