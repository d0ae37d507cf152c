import { defaultCrypto } from '../crypto-provider';
import { PkiFormatError } from '../errors';
import { derOrPem, toPem } from '../encoding/pem';
import { toArrayBuffer } from '../encoding/bytes';
import { describeKey, describePrivateKey, describePublicKey, keySpecOf } from './describe';
import { type KeySpec, type KeyUse, defaultKeyUse, webCryptoParams } from './key-spec';

export async function exportPkcs8(privateKey: CryptoKey, crypto: Crypto = defaultCrypto): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey));
}

export async function exportSpki(publicKey: CryptoKey, crypto: Crypto = defaultCrypto): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
}

export function pkcs8ToPem(pkcs8: Uint8Array): string {
  return toPem(pkcs8, 'PRIVATE KEY');
}

export function spkiToPem(spki: Uint8Array): string {
  return toPem(spki, 'PUBLIC KEY');
}

/** The KeySpec of a PKCS#8 key, or a PkiFormatError naming the unsupported key. */
export function keySpecOfPrivateKey(pkcs8: Uint8Array | string): KeySpec {
  const description = describePrivateKey(pkcs8);
  const spec = keySpecOf(description);
  if (!spec) throw new PkiFormatError('PKCS#8 PrivateKeyInfo', `${describeKey(description)} is not a supported key`);
  return spec;
}

export function keySpecOfPublicKey(spki: Uint8Array | string): KeySpec {
  const description = describePublicKey(spki);
  const spec = keySpecOf(description);
  if (!spec) throw new PkiFormatError('SubjectPublicKeyInfo', `${describeKey(description)} is not a supported key`);
  return spec;
}

/**
 * Imports an unencrypted PKCS#8 private key (DER or PEM, as `openssl genpkey` writes it) for a use.
 * The algorithm is read from the key itself; `use` picks signing (default) or e.g. RSA-OAEP.
 */
export async function importPrivateKey(
  pkcs8: Uint8Array | string,
  options: { use?: KeyUse; extractable?: boolean } = {},
  crypto: Crypto = defaultCrypto,
): Promise<CryptoKey> {
  const der = derOrPem(pkcs8, 'PRIVATE KEY');
  const spec = keySpecOfPrivateKey(der);
  const { algorithm, privateUsages } = webCryptoParams(spec, options.use ?? defaultKeyUse(spec));
  try {
    return await crypto.subtle.importKey('pkcs8', toArrayBuffer(der), algorithm, options.extractable ?? false, privateUsages);
  } catch (err) {
    throw new PkiFormatError('PKCS#8 PrivateKeyInfo', 'the key material does not import', { cause: err });
  }
}

/** Imports a SubjectPublicKeyInfo (DER or PEM "PUBLIC KEY") for a use (verify by default). */
export async function importPublicKey(
  spki: Uint8Array | string,
  options: { use?: KeyUse } = {},
  crypto: Crypto = defaultCrypto,
): Promise<CryptoKey> {
  const der = derOrPem(spki, 'PUBLIC KEY');
  const spec = keySpecOfPublicKey(der);
  const { algorithm, publicUsages } = webCryptoParams(spec, options.use ?? defaultKeyUse(spec));
  try {
    return await crypto.subtle.importKey('spki', toArrayBuffer(der), algorithm, true, publicUsages);
  } catch (err) {
    throw new PkiFormatError('SubjectPublicKeyInfo', 'the key material does not import', { cause: err });
  }
}

