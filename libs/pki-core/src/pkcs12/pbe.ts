import { createDecipheriv } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { defaultCrypto, pkijs } from '../crypto-provider';
import { PkiFormatError, PkiVerificationError } from '../errors';
import {
  DEFAULT_PBKDF2_PRF,
  ID_PBES2,
  ID_PBKDF2,
  MAX_ITERATIONS,
  PBES2_CIPHERS,
  PBKDF2_PRFS,
  PKCS12_PBE_SCHEMES,
  lookup,
} from './algorithms';
import { Pkcs12PbeParams, parseAs, toExactBuffer } from './asn1';
import { bmpPassword, pkcs12Kdf, Pkcs12KdfId } from './kdf';
import { rc2CbcDecrypt } from './rc2';

/**
 * Password-based encryption of PKCS#12 bags. Reading accepts the PKCS#12 PBE schemes
 * (RFC 7292 appendix C, what `-legacy` and older Windows write) and PBES2 with PBKDF2
 * (RFC 8018, what OpenSSL 3 writes by default); writing is PBES2 only.
 *
 * The password is a string: PBES2 feeds PBKDF2 its UTF-8 bytes (as OpenSSL does), the PKCS#12
 * schemes feed their KDF its BMPString (RFC 7292 B.1). `bmp` overrides the latter for the one
 * case they differ in practice, an empty password (see mac.ts).
 */
export interface PbePassword {
  readonly text: string;
  readonly bmp?: Uint8Array;
}

const STRUCTURE = 'PKCS#12';

function wrongPassword(what: string): PkiVerificationError {
  return new PkiVerificationError(STRUCTURE, `cannot decrypt ${what}: wrong password or corrupt file`);
}

function checkIterations(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_ITERATIONS) {
    throw new PkiFormatError(STRUCTURE, `${what} has an iteration count out of range (${n})`);
  }
  return n;
}

/** Decrypts `data` under the AlgorithmIdentifier of an EncryptedData or EncryptedPrivateKeyInfo. */
export async function pbeDecrypt(
  algorithm: AlgorithmIdentifier,
  password: PbePassword,
  data: Uint8Array,
  what: string,
  crypto: Crypto = defaultCrypto,
): Promise<Uint8Array> {
  const scheme = lookup(PKCS12_PBE_SCHEMES, algorithm.algorithm);
  if (scheme) {
    if (!algorithm.parameters) throw new PkiFormatError(STRUCTURE, `${what}: ${scheme.name} without parameters`);
    const params = parseAs(algorithm.parameters, Pkcs12PbeParams, `${what} PBE parameters`);
    const iterations = checkIterations(params.iterations, what);
    const salt = new Uint8Array(params.salt);
    const pw = password.bmp ?? bmpPassword(password.text);
    // RFC 7292 appendix C: "the PKCS #12 key derivation function with SHA-1".
    const key = pkcs12Kdf('SHA-1', pw, salt, iterations, Pkcs12KdfId.key, scheme.keyLength);
    const iv = pkcs12Kdf('SHA-1', pw, salt, iterations, Pkcs12KdfId.iv, 8);
    const plain =
      scheme.cipher === 'rc2'
        ? rc2CbcDecrypt(key, scheme.keyLength * 8, iv, data)
        : nodeDecrypt(scheme.cipher, key, iv, data);
    if (!plain) throw wrongPassword(what);
    return plain;
  }
  if (algorithm.algorithm === ID_PBES2) return pbes2Decrypt(algorithm, password.text, data, what, crypto);
  throw new PkiFormatError(STRUCTURE, `${what} uses an unsupported encryption algorithm ${algorithm.algorithm}`);
}

function nodeDecrypt(cipher: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | undefined {
  try {
    const d = createDecipheriv(cipher, key, iv);
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  } catch {
    return undefined;
  }
}

interface Pbes2Parsed {
  salt: Uint8Array;
  iterations: number;
  keyLength?: number;
  hash: string;
  cipherOid: string;
  iv: Uint8Array;
}

/**
 * RFC 8018 appendix A.4 / A.2: PBES2-params and PBKDF2-params. pkijs declares both schemas, so
 * they are read with it rather than declared a second time.
 */
function parsePbes2Params(parameters: ArrayBuffer | null | undefined, what: string): Pbes2Parsed {
  if (!parameters) throw new PkiFormatError(STRUCTURE, `${what}: PBES2 without parameters`);
  let params: pkijs.PBES2Params;
  let kdf: pkijs.PBKDF2Params;
  try {
    params = pkijs.PBES2Params.fromBER(parameters);
    if (params.keyDerivationFunc.algorithmId !== ID_PBKDF2) {
      throw new PkiFormatError(STRUCTURE, `${what}: PBES2 key derivation ${params.keyDerivationFunc.algorithmId} is not PBKDF2`);
    }
    kdf = new pkijs.PBKDF2Params({ schema: params.keyDerivationFunc.algorithmParams });
  } catch (cause) {
    if (cause instanceof PkiFormatError) throw cause;
    throw new PkiFormatError(STRUCTURE, `${what}: PBES2 parameters are not well-formed`, { cause });
  }
  const salt: unknown = kdf.salt;
  if (!(salt instanceof asn1js.OctetString)) {
    throw new PkiFormatError(STRUCTURE, `${what}: PBKDF2 salt is not an OCTET STRING`);
  }
  const prfOid = kdf.prf?.algorithmId ?? DEFAULT_PBKDF2_PRF;
  const prf = lookup(PBKDF2_PRFS, prfOid);
  if (!prf) throw new PkiFormatError(STRUCTURE, `${what}: unsupported PBKDF2 PRF ${prfOid}`);
  const cipherOid = params.encryptionScheme.algorithmId;
  const cipher = lookup(PBES2_CIPHERS, cipherOid);
  if (!cipher) throw new PkiFormatError(STRUCTURE, `${what}: unsupported PBES2 cipher ${cipherOid}`);
  const ivNode: unknown = params.encryptionScheme.algorithmParams;
  if (!(ivNode instanceof asn1js.OctetString) || ivNode.valueBlock.valueHexView.length !== cipher.ivLength) {
    throw new PkiFormatError(STRUCTURE, `${what}: ${cipher.name} IV is missing or of the wrong length`);
  }
  if (kdf.keyLength !== undefined && kdf.keyLength !== cipher.keyLength) {
    throw new PkiFormatError(STRUCTURE, `${what}: PBKDF2 keyLength ${kdf.keyLength} does not fit ${cipher.name}`);
  }
  return {
    salt: new Uint8Array(salt.valueBlock.valueHexView),
    iterations: checkIterations(kdf.iterationCount, what),
    hash: prf.hash,
    cipherOid,
    iv: new Uint8Array(ivNode.valueBlock.valueHexView),
  };
}

async function pbkdf2(password: string, salt: Uint8Array, iterations: number, hash: string, bytes: number, crypto: Crypto) {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', salt: toExactBuffer(salt), iterations, hash }, base, bytes * 8);
  return new Uint8Array(bits);
}

async function pbes2Decrypt(
  algorithm: AlgorithmIdentifier,
  password: string,
  data: Uint8Array,
  what: string,
  crypto: Crypto,
): Promise<Uint8Array> {
  const p = parsePbes2Params(algorithm.parameters, what);
  const cipher = PBES2_CIPHERS[p.cipherOid as keyof typeof PBES2_CIPHERS];
  const key = await pbkdf2(password, p.salt, p.iterations, p.hash, cipher.keyLength, crypto);
  if (cipher.engine === 'AES-CBC') {
    if (data.length === 0 || data.length % 16 !== 0) throw wrongPassword(what);
    try {
      const k = await crypto.subtle.importKey('raw', toExactBuffer(key), 'AES-CBC', false, ['decrypt']);
      return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: toExactBuffer(p.iv) }, k, toExactBuffer(data)));
    } catch {
      // WebCrypto reports bad padding as an OperationError: under PBE, the wrong password.
      throw wrongPassword(what);
    }
  }
  const plain = nodeDecrypt(cipher.engine, key, p.iv, data);
  if (!plain) throw wrongPassword(what);
  return plain;
}

export interface Pbes2Options {
  /** PBKDF2 iteration count. */
  iterations: number;
}

const HMAC_WITH_SHA256 = '1.2.840.113549.2.9';
const AES256_CBC = '2.16.840.1.101.3.4.1.42';

/**
 * PBES2 (RFC 8018 section 6.2) with PBKDF2-HMAC-SHA256 and AES-256-CBC, a fresh 16-byte salt
 * and IV each call: what OpenSSL 3 writes by default and Windows Server 2019+ reads.
 */
export async function pbes2Encrypt(
  data: Uint8Array,
  password: string,
  options: Pbes2Options,
  crypto: Crypto = defaultCrypto,
): Promise<{ algorithm: AlgorithmIdentifier; ciphertext: Uint8Array }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const key = await pbkdf2(password, salt, options.iterations, 'SHA-256', 32, crypto);
  const k = await crypto.subtle.importKey('raw', toExactBuffer(key), 'AES-CBC', false, ['encrypt']);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, k, toExactBuffer(data)));
  const params = new pkijs.PBES2Params({
    keyDerivationFunc: new pkijs.AlgorithmIdentifier({
      algorithmId: ID_PBKDF2,
      algorithmParams: new pkijs.PBKDF2Params({
        salt: new asn1js.OctetString({ valueHex: toExactBuffer(salt) }),
        iterationCount: options.iterations,
        prf: new pkijs.AlgorithmIdentifier({ algorithmId: HMAC_WITH_SHA256, algorithmParams: new asn1js.Null() }),
      }).toSchema(),
    }),
    encryptionScheme: new pkijs.AlgorithmIdentifier({
      algorithmId: AES256_CBC,
      algorithmParams: new asn1js.OctetString({ valueHex: toExactBuffer(iv) }),
    }),
  });
  const algorithm = new AlgorithmIdentifier({ algorithm: ID_PBES2, parameters: params.toSchema().toBER(false) });
  // Round-trip through the schema so the caller gets a value @peculiar's serializer accepts as is.
  return { algorithm: AsnConvert.parse(AsnConvert.serialize(algorithm), AlgorithmIdentifier), ciphertext };
}
