import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { PkiFormatError } from '../errors';
import { derOrPem } from '../encoding/pem';

/** A node:crypto KeyObject for a PKCS#8 key; used where WebCrypto has no operation (raw RSA). */
export function privateKeyObject(pkcs8: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch (err) {
    throw new PkiFormatError('PKCS#8 PrivateKeyInfo', 'the key material does not import', { cause: err });
  }
}

export function spkiFromPkcs8(pkcs8: Uint8Array | string): Uint8Array {
  const key = privateKeyObject(derOrPem(pkcs8, 'PRIVATE KEY'));
  return new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }));
}
