import '../crypto-provider';
import { defaultCrypto } from '../crypto-provider';
import { AsnConvert } from '@peculiar/asn1-schema';
import { type KeyObject, sign as nodeSign } from 'node:crypto';
import { ECDSASigValue, ECParameters } from '@peculiar/asn1-ecc';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { PkiFormatError } from '../errors';
import { toArrayBuffer } from '../encoding/bytes';
import {
  DIGESTS,
  NAMED_CURVES,
  OID_EC_PUBLIC_KEY,
  OID_RSA_ENCRYPTION,
  curveByOid,
  type CurveName,
  type HashName,
} from './algorithms';
import { parseDer, unsignedInteger } from './asn1';

/**
 * The narrow capability a CMS signer needs: sign bytes with a given hash and return the signature
 * as CMS carries it (PKCS#1 v1.5 bytes for RSA, a DER ECDSA-Sig-Value for EC). A key store or HSM
 * implements this without ever handing out the private key.
 */
export interface CmsSignatureKey {
  readonly keyType: 'RSA' | 'EC';
  sign(data: Uint8Array, hash: HashName): Promise<Uint8Array>;
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return typeof key === 'object' && key !== null && 'algorithm' in key && 'usages' in key && 'type' in key;
}

export function asSignatureKey(key: CryptoKey | CmsSignatureKey, crypto: Crypto = defaultCrypto): CmsSignatureKey {
  return isCryptoKey(key) ? signatureKeyFromCryptoKey(key, crypto) : key;
}

/**
 * Wraps a WebCrypto private key (extractable or not). WebCrypto binds an RSASSA key to one hash
 * at import time, so an RSA key signs only with that hash; ask for another and it says so.
 */
export function signatureKeyFromCryptoKey(key: CryptoKey, crypto: Crypto = defaultCrypto): CmsSignatureKey {
  const alg = key.algorithm as KeyAlgorithm & { hash?: { name: string }; namedCurve?: string };
  if (alg.name === 'RSASSA-PKCS1-v1_5') {
    return {
      keyType: 'RSA',
      async sign(data, hash) {
        if (alg.hash?.name !== hash) {
          throw new TypeError(`this RSA CryptoKey is bound to ${alg.hash?.name}; import it for ${hash} to sign with it`);
        }
        return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, toArrayBuffer(data)));
      },
    };
  }
  if (alg.name === 'ECDSA') {
    return {
      keyType: 'EC',
      async sign(data, hash) {
        const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash }, key, toArrayBuffer(data)));
        return ecdsaRawToDer(raw);
      },
    };
  }
  throw new TypeError(`CMS signing needs an RSASSA-PKCS1-v1_5 or ECDSA key, not ${alg.name}`);
}

/** WebCrypto's r||s to the DER ECDSA-Sig-Value that CMS (RFC 5753) carries. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const sig = new ECDSASigValue({
    r: unsignedInteger(raw.subarray(0, half)),
    s: unsignedInteger(raw.subarray(half)),
  });
  return new Uint8Array(AsnConvert.serialize(sig));
}

export function ecdsaDerToRaw(der: Uint8Array, curve: CurveName): Uint8Array {
  const sig = parseDer(der, ECDSASigValue, 'ECDSA signature');
  const n = NAMED_CURVES[curve].bytes;
  const out = new Uint8Array(2 * n);
  const put = (v: Uint8Array, at: number) => {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    const t = v.subarray(i);
    if (t.length > n) throw new PkiFormatError('ECDSA signature', 'integer longer than the curve order');
    out.set(t, at + n - t.length);
  };
  put(new Uint8Array(sig.r), 0);
  put(new Uint8Array(sig.s), n);
  return out;
}

/** The signatureAlgorithm OID we write for a key type and hash (RFC 5754 / RFC 5753). */
export function signatureAlgorithmOid(keyType: 'RSA' | 'EC', hash: HashName): string {
  // OpenSSL and most SCEP clients write plain rsaEncryption in SignerInfo; RFC 5754 allows it.
  return keyType === 'RSA' ? OID_RSA_ENCRYPTION : DIGESTS[hash].ecdsaOid;
}

/**
 * Verifies a CMS signature with a certificate's public key. Returns false on a bad signature;
 * throws PkiFormatError only when the key or algorithm cannot be understood.
 */
export async function verifySignature(
  spkiDer: Uint8Array,
  signatureAlgorithmOid: string,
  hash: HashName,
  signature: Uint8Array,
  data: Uint8Array,
  crypto: Crypto = defaultCrypto,
): Promise<boolean> {
  const spki = parseDer(spkiDer, SubjectPublicKeyInfo, 'SubjectPublicKeyInfo');
  const keyOid = spki.algorithm.algorithm;
  if (keyOid === OID_RSA_ENCRYPTION) {
    const accepted = [OID_RSA_ENCRYPTION, DIGESTS[hash].rsaOid];
    if (!accepted.includes(signatureAlgorithmOid)) {
      throw new PkiFormatError('CMS SignerInfo', `signature algorithm ${signatureAlgorithmOid} does not fit an RSA key with ${hash}`);
    }
    const key = await crypto.subtle.importKey('spki', toArrayBuffer(spkiDer), { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
    return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(signature), toArrayBuffer(data));
  }
  if (keyOid === OID_EC_PUBLIC_KEY) {
    const params = spki.algorithm.parameters;
    const curveOid = params ? safeOid(params) : undefined;
    const curve = curveOid ? curveByOid(curveOid) : undefined;
    if (!curve) throw new PkiFormatError('SubjectPublicKeyInfo', 'EC key on an unsupported curve');
    if (signatureAlgorithmOid !== DIGESTS[hash].ecdsaOid && signatureAlgorithmOid !== OID_EC_PUBLIC_KEY) {
      throw new PkiFormatError('CMS SignerInfo', `signature algorithm ${signatureAlgorithmOid} does not fit ECDSA with ${hash}`);
    }
    let raw: Uint8Array;
    try {
      raw = ecdsaDerToRaw(signature, curve);
    } catch {
      return false;
    }
    const key = await crypto.subtle.importKey('spki', toArrayBuffer(spkiDer), { name: 'ECDSA', namedCurve: curve }, false, ['verify']);
    return crypto.subtle.verify({ name: 'ECDSA', hash }, key, toArrayBuffer(raw), toArrayBuffer(data));
  }
  throw new PkiFormatError('SubjectPublicKeyInfo', `unsupported public key algorithm ${keyOid}`);
}

function safeOid(params: ArrayBuffer): string | undefined {
  try {
    return AsnConvert.parse(params, ECParameters).namedCurve;
  } catch {
    return undefined;
  }
}

/**
 * Wraps a node:crypto private KeyObject. Unlike a WebCrypto RSA key, it signs with any hash,
 * which a server needs to answer each client with the hash that client used.
 */
export function signatureKeyFromKeyObject(key: KeyObject): CmsSignatureKey {
  const type = key.asymmetricKeyType;
  if (key.type !== 'private' || (type !== 'rsa' && type !== 'ec')) throw new TypeError('CMS signing needs an RSA or EC private key');
  return {
    keyType: type === 'rsa' ? 'RSA' : 'EC',
    async sign(data, hash) {
      // node:crypto writes ECDSA signatures as DER already, as CMS wants them.
      return new Uint8Array(nodeSign(hash.replace('-', '').toLowerCase(), data, key));
    },
  };
}
