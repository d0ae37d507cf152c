import * as asn1js from 'asn1js';
import { GeneralName as AsnGeneralName } from '@peculiar/asn1-x509';
import { x509 } from '../crypto-provider';
import { toHex } from '../encoding/bytes';
import { PkiFormatError } from '../errors';

/** Microsoft's User Principal Name otherName, the SAN Intune puts in Windows user certificates. */
export const UPN_OID = '1.3.6.1.4.1.311.20.2.3';

/**
 * A subjectAltName / GeneralName entry. `otherName` (other than UPN) and `registeredId` are only
 * ever read, never written: certlab builds DNS, email, URI, IP, UPN and DN names.
 */
export type SubjectAltName =
  | { readonly type: 'dns'; readonly value: string }
  | { readonly type: 'email'; readonly value: string }
  | { readonly type: 'uri'; readonly value: string }
  /** Dotted IPv4 or IPv6 text. */
  | { readonly type: 'ip'; readonly value: string }
  | { readonly type: 'upn'; readonly value: string }
  | { readonly type: 'dn'; readonly value: string }
  | { readonly type: 'registeredId'; readonly value: string }
  | { readonly type: 'otherName'; readonly typeId: string; readonly valueHex: string };

export type WritableSubjectAltName = Extract<SubjectAltName, { type: 'dns' | 'email' | 'uri' | 'ip' | 'upn' | 'dn' }>;

const WIRE_TYPE = { dns: 'dns', email: 'email', uri: 'url', ip: 'ip', upn: 'upn', dn: 'dn' } as const;

export function toJsonGeneralNames(names: readonly WritableSubjectAltName[]): x509.JsonGeneralName[] {
  return names.map((n) => ({ type: WIRE_TYPE[n.type], value: n.value }));
}

function decodeUpn(value: ArrayBuffer, structure: string): string {
  const parsed = asn1js.fromBER(value);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Utf8String)) {
    throw new PkiFormatError(structure, 'UPN otherName is not a UTF8String');
  }
  return parsed.result.valueBlock.value;
}

/** Reads one ASN.1 GeneralName; unknown kinds become `otherName` rather than an error, since a CA must still report them. */
export function decodeGeneralName(name: AsnGeneralName, structure: string): SubjectAltName {
  if (name.dNSName !== undefined) return { type: 'dns', value: name.dNSName };
  if (name.rfc822Name !== undefined) return { type: 'email', value: name.rfc822Name };
  if (name.uniformResourceIdentifier !== undefined) return { type: 'uri', value: name.uniformResourceIdentifier };
  if (name.iPAddress !== undefined) return { type: 'ip', value: name.iPAddress };
  if (name.directoryName !== undefined) return { type: 'dn', value: new x509.Name(name.directoryName).toString() };
  if (name.registeredID !== undefined) return { type: 'registeredId', value: name.registeredID };
  if (name.otherName !== undefined) {
    if (name.otherName.typeId === UPN_OID) return { type: 'upn', value: decodeUpn(name.otherName.value, structure) };
    return { type: 'otherName', typeId: name.otherName.typeId, valueHex: toHex(name.otherName.value) };
  }
  if (name.x400Address !== undefined) return { type: 'otherName', typeId: 'x400Address', valueHex: toHex(name.x400Address) };
  return { type: 'otherName', typeId: 'ediPartyName', valueHex: '' };
}
