import { AsnProp, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { IssuerAndSerialNumber } from '@peculiar/asn1-cms';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { Name } from '@peculiar/asn1-x509';
import { toArrayBuffer } from '../encoding/bytes';
import { encodeDer, parseDer } from '../cms/asn1';

/**
 * RFC 8894 §3.3.3: CertPoll's messageData is
 *   IssuerAndSubject ::= SEQUENCE { issuer Name, subject Name }
 * "The issuer is set to the subjectName of the CA ... The subject is set to the subjectName
 * used when requesting the certificate."
 */
@AsnType({ type: AsnTypeTypes.Sequence })
export class IssuerAndSubject {
  @AsnProp({ type: Name })
  issuer = new Name();

  @AsnProp({ type: Name })
  subject = new Name();
}

/** Names and serials travel as DER so callers can compare them with certificate fields byte for byte. */
export interface IssuerAndSubjectValue {
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
}

export interface IssuerAndSerialValue {
  readonly issuerDer: Uint8Array;
  /** The serial number as DER INTEGER content (big-endian, two's complement). */
  readonly serialNumber: Uint8Array;
}

export function encodeIssuerAndSubject(value: IssuerAndSubjectValue): Uint8Array {
  const v = new IssuerAndSubject();
  v.issuer = parseDer(value.issuerDer, Name, 'Name');
  v.subject = parseDer(value.subjectDer, Name, 'Name');
  return encodeDer(v);
}

export function decodeIssuerAndSubject(der: Uint8Array): IssuerAndSubjectValue {
  const v = parseDer(der, IssuerAndSubject, 'SCEP IssuerAndSubject');
  return { issuerDer: encodeDer(v.issuer), subjectDer: encodeDer(v.subject) };
}

export function encodeIssuerAndSerial(value: IssuerAndSerialValue): Uint8Array {
  return encodeDer(new IssuerAndSerialNumber({ issuer: parseDer(value.issuerDer, Name, 'Name'), serialNumber: toArrayBuffer(value.serialNumber) }));
}

export function decodeIssuerAndSerial(der: Uint8Array): IssuerAndSerialValue {
  const v = parseDer(der, IssuerAndSerialNumber, 'SCEP IssuerAndSerialNumber');
  return { issuerDer: encodeDer(v.issuer), serialNumber: new Uint8Array(v.serialNumber) };
}

/** Checks the decrypted PKCSReq/RenewalReq content is a PKCS#10 request; returns it unchanged. */
export function checkCsr(der: Uint8Array): Uint8Array {
  parseDer(der, CertificationRequest, 'PKCS#10');
  return der;
}
