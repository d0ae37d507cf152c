import * as asn1js from 'asn1js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { toArrayBuffer } from '../encoding/bytes';
import { PkiFormatError } from '../errors';

/**
 * Parses exactly one DER structure against a schema. Trailing bytes are refused: a parser that
 * ignores them lets two different byte strings stand for one object.
 */
export function parseDer<T>(der: Uint8Array, schema: new () => T, structure: string): T {
  const buffer = toArrayBuffer(der);
  let outer: ReturnType<typeof asn1js.fromBER>;
  try {
    outer = asn1js.fromBER(buffer);
  } catch (err) {
    // asn1js mostly reports errors in its result, but throws on some (a malformed GeneralizedTime).
    throw new PkiFormatError(structure, 'not DER', { cause: err });
  }
  if (outer.offset === -1) throw new PkiFormatError(structure, `not DER: ${outer.result.error || 'undecodable'}`);
  if (outer.offset !== buffer.byteLength) {
    throw new PkiFormatError(structure, `${buffer.byteLength - outer.offset} trailing bytes after the structure`);
  }
  try {
    return AsnConvert.parse(buffer, schema);
  } catch (err) {
    throw new PkiFormatError(structure, `does not match the ${structure} schema`, { cause: err });
  }
}

/** Runs view-building code over a parsed structure, turning any library exception into a PkiFormatError. */
export function readingAs<T>(structure: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PkiFormatError) throw err;
    throw new PkiFormatError(structure, `malformed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** Serial numbers as lowercase hex of the integer, without the sign octet; accepts colons, spaces and any case. */
export function normalizeSerial(serial: string | Uint8Array): string {
  let hex = typeof serial === 'string' ? serial.replace(/[\s:]/g, '').toLowerCase() : Buffer.from(serial).toString('hex');
  if (!/^[0-9a-f]*$/.test(hex)) throw new PkiFormatError('serial number', `"${String(serial)}" is not hex`);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  while (hex.length > 2 && hex.startsWith('00')) hex = hex.slice(2);
  return hex;
}

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
};

/** openssl's name for a signature algorithm OID, or the OID itself. */
export function signatureAlgorithmName(oid: string): string {
  return SIGNATURE_ALGORITHMS[oid] ?? oid;
}
