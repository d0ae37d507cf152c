import * as asn1js from 'asn1js';
import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { EncryptedContentInfo } from '@peculiar/asn1-cms';
import { PkiFormatError } from '../errors';

/**
 * Two structures PKCS#12 needs that no @peculiar/asn1-* package declares; they are declared
 * here with the same schema decorators those packages use.
 */

/** RFC 7292 appendix C: `pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }`. */
@AsnType({ type: AsnTypeTypes.Sequence })
export class Pkcs12PbeParams {
  @AsnProp({ type: AsnPropTypes.OctetString })
  salt: ArrayBuffer = new ArrayBuffer(0);

  @AsnProp({ type: AsnPropTypes.Integer })
  iterations = 0;

  constructor(params: Partial<Pkcs12PbeParams> = {}) {
    Object.assign(this, params);
  }
}

/**
 * RFC 5652 section 8: `EncryptedData ::= SEQUENCE { version CMSVersion, encryptedContentInfo
 * EncryptedContentInfo, unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }`.
 * PKCS#12 never carries unprotectedAttrs, so they are not declared.
 */
@AsnType({ type: AsnTypeTypes.Sequence })
export class Pkcs7EncryptedData {
  @AsnProp({ type: AsnPropTypes.Integer })
  version = 0;

  @AsnProp({ type: EncryptedContentInfo })
  encryptedContentInfo = new EncryptedContentInfo();

  constructor(params: Partial<Pkcs7EncryptedData> = {}) {
    Object.assign(this, params);
  }
}

/** Parses `der` as `type`, turning any schema failure into a PkiFormatError about `what`. */
export function parseAs<T>(der: ArrayBuffer | Uint8Array, type: new () => T, what: string): T {
  try {
    return AsnConvert.parse(der instanceof Uint8Array ? toExactBuffer(der) : der, type);
  } catch (cause) {
    throw new PkiFormatError('PKCS#12', `${what} is not well-formed`, { cause });
  }
}

/**
 * The value of an OCTET STRING given as its full encoding. Windows writes PFX files in BER with
 * constructed (chunked) OCTET STRINGs; asn1js reassembles them.
 */
export function octetStringValue(der: ArrayBuffer, what: string): Uint8Array {
  const decoded = asn1js.fromBER(der);
  if (decoded.offset === -1 || decoded.offset !== der.byteLength || !(decoded.result instanceof asn1js.OctetString)) {
    throw new PkiFormatError('PKCS#12', `${what} is not an OCTET STRING`);
  }
  return new Uint8Array(decoded.result.getValue());
}

export function toExactBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}
