import * as asn1js from 'asn1js';
import { PkiFormatError } from '../errors';
import { toArrayBuffer } from '../encoding/bytes';
import type { CmsAttribute } from '../cms';
import { SCEP_ATTRIBUTES, type ScepAttributeName } from './wire';

const STRUCTURE = 'SCEP PKIMessage';

export function printableAttribute(name: ScepAttributeName, value: string): CmsAttribute {
  return { oid: SCEP_ATTRIBUTES[name], values: [new Uint8Array(new asn1js.PrintableString({ value }).toBER(false))] };
}

export function utf8Attribute(name: ScepAttributeName, value: string): CmsAttribute {
  return { oid: SCEP_ATTRIBUTES[name], values: [new Uint8Array(new asn1js.Utf8String({ value }).toBER(false))] };
}

export function octetAttribute(name: ScepAttributeName, value: Uint8Array): CmsAttribute {
  return { oid: SCEP_ATTRIBUTES[name], values: [new Uint8Array(new asn1js.OctetString({ valueHex: toArrayBuffer(value) }).toBER(false))] };
}

/**
 * Reads a string-valued SCEP attribute. RFC 8894 says PrintableString; some clients send
 * UTF8String or IA5String for transactionID, so any ASN.1 string type is accepted.
 */
export function readString(der: Uint8Array, name: ScepAttributeName): string {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.BaseStringBlock)) {
    throw new PkiFormatError(STRUCTURE, `${name} is not a string`);
  }
  return parsed.result.getValue();
}

export function readOctets(der: Uint8Array, name: ScepAttributeName): Uint8Array {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.OctetString)) {
    throw new PkiFormatError(STRUCTURE, `${name} is not an OCTET STRING`);
  }
  return new Uint8Array(parsed.result.getValue());
}
