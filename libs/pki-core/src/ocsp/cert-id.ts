import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { CertID } from '@peculiar/asn1-ocsp';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { defaultCrypto } from '../crypto-provider';
import { bytesEqual, fromHex, toArrayBuffer, toHex } from '../encoding/bytes';
import type { Certificate } from '../x509/certificate';
import { normalizeSerial } from '../x509/der';
import { CERT_ID_HASHES, type CertIdHash } from './wire';

/**
 * RFC 6960 §4.1.1 CertID: which certificate a request or single response is about, named by the
 * hash of its issuer's Name and public key plus its serial.
 */
export interface OcspCertId {
  readonly hash: CertIdHash;
  /** Lowercase hex. */
  readonly issuerNameHash: string;
  /** Lowercase hex of the hash of the issuer's subjectPublicKey BIT STRING value. */
  readonly issuerKeyHash: string;
  /** Normalized like Certificate.serialNumber. */
  readonly serialNumber: string;
}

async function digest(hash: CertIdHash, data: Uint8Array, crypto: Crypto): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(data))));
}

/** "issuerKeyHash is the hash of the issuer's public key … excluding the tag and length fields." */
function subjectPublicKeyBits(issuer: Certificate): Uint8Array {
  return new Uint8Array(AsnConvert.parse(toArrayBuffer(issuer.spki), SubjectPublicKeyInfo).subjectPublicKey);
}

/** The CertID of a certificate issued by `issuer`. */
export async function certIdFor(serialNumber: string, issuer: Certificate, hash: CertIdHash = 'SHA-1', crypto: Crypto = defaultCrypto): Promise<OcspCertId> {
  return {
    hash,
    issuerNameHash: await digest(hash, issuer.subjectNameDer, crypto),
    issuerKeyHash: await digest(hash, subjectPublicKeyBits(issuer), crypto),
    serialNumber: normalizeSerial(serialNumber),
  };
}

/** Whether a CertID names `issuer` as the issuing CA (compared with the CertID's own hash). */
export async function certIdMatchesIssuer(certId: OcspCertId, issuer: Certificate, crypto: Crypto = defaultCrypto): Promise<boolean> {
  const expected = await certIdFor(certId.serialNumber, issuer, certId.hash, crypto);
  return bytesEqual(fromHex(expected.issuerNameHash), fromHex(certId.issuerNameHash)) && bytesEqual(fromHex(expected.issuerKeyHash), fromHex(certId.issuerKeyHash));
}

export function encodeCertId(id: OcspCertId): CertID {
  const serial = fromHex(id.serialNumber);
  // DER INTEGER: a leading 0x00 keeps a serial whose top bit is set positive.
  const serialDer = serial[0] >= 0x80 ? Uint8Array.from([0, ...serial]) : serial;
  return new CertID({
    // RFC 6960 examples and openssl send the hash AlgorithmIdentifier with NULL parameters.
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: CERT_ID_HASHES[id.hash], parameters: null }),
    issuerNameHash: new OctetString(toArrayBuffer(fromHex(id.issuerNameHash))),
    issuerKeyHash: new OctetString(toArrayBuffer(fromHex(id.issuerKeyHash))),
    serialNumber: toArrayBuffer(serialDer),
  });
}
