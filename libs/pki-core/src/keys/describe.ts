import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { RSAPublicKey, RSAPrivateKey, id_rsaEncryption } from '@peculiar/asn1-rsa';
import { ECParameters, id_ecPublicKey, id_secp256r1, id_secp384r1, id_secp521r1 } from '@peculiar/asn1-ecc';
import { PkiFormatError } from '../errors';
import { derOrPem } from '../encoding/pem';
import { toArrayBuffer } from '../encoding/bytes';
import type { KeySpec } from './key-spec';

/**
 * What a public key is, read from its SubjectPublicKeyInfo. Sizes outside certlab's KeySpecs are
 * still described (a CSR with RSA-1024 must be reported as such so policy can refuse it).
 */
export type KeyDescription =
  | { readonly kind: 'rsa'; readonly bits: number }
  | { readonly kind: 'ec'; readonly curve: string }
  | { readonly kind: 'other'; readonly algorithmOid: string };

const CURVES: Record<string, string> = {
  [id_secp256r1]: 'P-256',
  [id_secp384r1]: 'P-384',
  [id_secp521r1]: 'P-521',
};

/** The KeySpec a description matches, or undefined when certlab does not support that key. */
export function keySpecOf(description: KeyDescription): KeySpec | undefined {
  if (description.kind === 'rsa' && (description.bits === 2048 || description.bits === 3072 || description.bits === 4096)) {
    return { kind: 'rsa', bits: description.bits };
  }
  if (description.kind === 'ec' && (description.curve === 'P-256' || description.curve === 'P-384')) {
    return { kind: 'ec', curve: description.curve };
  }
  return undefined;
}

export function describeKey(description: KeyDescription): string {
  if (description.kind === 'rsa') return `RSA ${description.bits}`;
  if (description.kind === 'ec') return `ECDSA ${description.curve}`;
  return `unsupported key ${description.algorithmOid}`;
}

/** Bit length of an unsigned big-endian integer (leading zero octets ignored). */
function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

function curveOf(parameters: ArrayBuffer | null | undefined, structure: string): string {
  if (!parameters) throw new PkiFormatError(structure, 'EC key without curve parameters');
  const params = AsnConvert.parse(parameters, ECParameters);
  if (!params.namedCurve) throw new PkiFormatError(structure, 'EC key with explicit curve parameters (RFC 5480 requires a named curve)');
  return CURVES[params.namedCurve] ?? params.namedCurve;
}

function wrap<T>(structure: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PkiFormatError) throw err;
    throw new PkiFormatError(structure, `not a valid ${structure}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** Describes a public key from its SPKI (DER or PEM "PUBLIC KEY"). */
export function describePublicKey(spki: Uint8Array | string): KeyDescription {
  const structure = 'SubjectPublicKeyInfo';
  const der = derOrPem(spki, 'PUBLIC KEY');
  return wrap(structure, () => {
    const info = AsnConvert.parse(toArrayBuffer(der), SubjectPublicKeyInfo);
    const oid = info.algorithm.algorithm;
    if (oid === id_rsaEncryption) {
      const key = AsnConvert.parse(info.subjectPublicKey, RSAPublicKey);
      return { kind: 'rsa', bits: bitLength(new Uint8Array(key.modulus)) };
    }
    if (oid === id_ecPublicKey) return { kind: 'ec', curve: curveOf(info.algorithm.parameters, structure) };
    return { kind: 'other', algorithmOid: oid };
  });
}

/** Describes the key inside an unencrypted PKCS#8 PrivateKeyInfo (DER or PEM "PRIVATE KEY"). */
export function describePrivateKey(pkcs8: Uint8Array | string): KeyDescription {
  const structure = 'PKCS#8 PrivateKeyInfo';
  const der = derOrPem(pkcs8, 'PRIVATE KEY');
  return wrap(structure, () => {
    const info = AsnConvert.parse(toArrayBuffer(der), PrivateKeyInfo);
    const oid = info.privateKeyAlgorithm.algorithm;
    if (oid === id_rsaEncryption) {
      const key = AsnConvert.parse(info.privateKey.buffer, RSAPrivateKey);
      return { kind: 'rsa', bits: bitLength(new Uint8Array(key.modulus)) };
    }
    if (oid === id_ecPublicKey) return { kind: 'ec', curve: curveOf(info.privateKeyAlgorithm.parameters, structure) };
    return { kind: 'other', algorithmOid: oid };
  });
}
