import { BasicConstraints, KeyUsage, KeyUsageFlags, id_ce_basicConstraints, id_ce_keyUsage } from '@peculiar/asn1-x509';
import { PkiFormatError } from '../errors';
import { buildCertsOnly, readCertsOnly } from '../cms';
import { certificateRef, parseDer } from '../cms/asn1';

/**
 * GetCACert responses (RFC 8894 §4.2.1): a CA without an RA answers with its DER certificate
 * as application/x-x509-ca-cert; with an RA (NDES always has one) it answers with a certs-only
 * SignedData holding the RA and CA certificates as application/x-x509-ca-ra-cert.
 */
export const CA_CERT_CONTENT_TYPES = {
  single: 'application/x-x509-ca-cert',
  withRa: 'application/x-x509-ca-ra-cert',
} as const;

export interface GetCaCertResponse {
  readonly contentType: (typeof CA_CERT_CONTENT_TYPES)[keyof typeof CA_CERT_CONTENT_TYPES];
  readonly body: Uint8Array;
}

/** Server side: one certificate goes out as DER, several as a certs-only SignedData. */
export function buildGetCaCertResponse(certificates: readonly Uint8Array[]): GetCaCertResponse {
  if (certificates.length === 0) throw new TypeError('GetCACert needs at least the CA certificate');
  if (certificates.length === 1) {
    certificateRef(certificates[0]);
    return { contentType: CA_CERT_CONTENT_TYPES.single, body: certificates[0] };
  }
  return { contentType: CA_CERT_CONTENT_TYPES.withRa, body: buildCertsOnly(certificates) };
}

/** Client side: the certificates of a GetCACert response, by its Content-Type (parameters ignored). */
export function parseGetCaCertResponse(contentType: string, body: Uint8Array): Uint8Array[] {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === CA_CERT_CONTENT_TYPES.single) {
    certificateRef(body);
    return [body];
  }
  if (type === CA_CERT_CONTENT_TYPES.withRa) {
    const certs = readCertsOnly(body);
    if (certs.length === 0) throw new PkiFormatError('SCEP GetCACert', 'the certs-only SignedData holds no certificate');
    return certs;
  }
  throw new PkiFormatError('SCEP GetCACert', `unexpected content type ${contentType}`);
}

/**
 * The certificate a client encrypts its pkcsPKIEnvelope to (RFC 8894 §2.2/§3.1): the RA's
 * certificate with keyEncipherment when there is one, else the CA certificate itself.
 */
export function selectRecipientCertificate(certificates: readonly Uint8Array[]): Uint8Array {
  const endEntity = certificates.find((der) => {
    const ext = certificateRef(der).cert.tbsCertificate.extensions ?? [];
    const bc = ext.find((e) => e.extnID === id_ce_basicConstraints);
    const isCa = bc ? parseDer(bc.extnValue.buffer, BasicConstraints, 'X.509 certificate').cA : false;
    const ku = ext.find((e) => e.extnID === id_ce_keyUsage);
    const encipher = ku ? (parseDer(ku.extnValue.buffer, KeyUsage, 'X.509 certificate').toNumber() & KeyUsageFlags.keyEncipherment) !== 0 : true;
    return !isCa && encipher;
  });
  const chosen = endEntity ?? certificates[0];
  if (!chosen) throw new PkiFormatError('SCEP GetCACert', 'no certificate to encrypt to');
  return chosen;
}
