import * as asn1js from 'asn1js';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { PKCS12Attribute } from '@peculiar/asn1-pfx';
import { PkiFormatError } from '../errors';
import { ID_FRIENDLY_NAME, ID_LOCAL_KEY_ID } from './algorithms';
import { octetStringValue } from './asn1';

/** The two bag attributes PKCS#12 defines (RFC 7292 section 4.2), read and written. */
export interface BagAttributes {
  friendlyName?: string;
  localKeyId?: Uint8Array;
}

/**
 * RFC 2985: friendlyName is a BMPString (at most 255 characters), localKeyId an OCTET STRING.
 * Unknown attributes (Microsoft's CSP name, for one) are ignored, not refused.
 */
export function readBagAttributes(attributes: readonly PKCS12Attribute[] | undefined): BagAttributes {
  const out: BagAttributes = {};
  for (const attr of attributes ?? []) {
    const first = attr.attrValues[0];
    if (first === undefined) continue;
    if (attr.attrId === ID_FRIENDLY_NAME) {
      const decoded = asn1js.fromBER(first);
      if (decoded.offset === -1 || !(decoded.result instanceof asn1js.BmpString)) {
        throw new PkiFormatError('PKCS#12', 'friendlyName attribute is not a BMPString');
      }
      out.friendlyName = decoded.result.valueBlock.value;
    } else if (attr.attrId === ID_LOCAL_KEY_ID) {
      out.localKeyId = octetStringValue(first, 'localKeyId attribute');
    }
  }
  return out;
}

/** PKCS12Attribute's constructor drops its argument (asn1-pfx 2.x), so the fields are set here. */
function attribute(attrId: string, value: ArrayBuffer): PKCS12Attribute {
  const attr = new PKCS12Attribute();
  attr.attrId = attrId;
  attr.attrValues = [value];
  return attr;
}

export function writeBagAttributes(attrs: BagAttributes): PKCS12Attribute[] | undefined {
  const out: PKCS12Attribute[] = [];
  if (attrs.friendlyName !== undefined) {
    out.push(attribute(ID_FRIENDLY_NAME, new asn1js.BmpString({ value: attrs.friendlyName }).toBER(false)));
  }
  if (attrs.localKeyId !== undefined) {
    out.push(attribute(ID_LOCAL_KEY_ID, AsnConvert.serialize(new OctetString(attrs.localKeyId))));
  }
  return out.length > 0 ? out : undefined;
}
