import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { Extensions } from '@peculiar/asn1-x509';
import { ChallengePassword } from '@peculiar/asn1-pkcs9';
import { defaultCrypto, x509 } from '../crypto-provider';
import { derOrPem, toPem } from '../encoding/pem';
import { toArrayBuffer } from '../encoding/bytes';
import { PkiFormatError } from '../errors';
import { type KeyDescription, describePublicKey } from '../keys/describe';
import { parseDer, readingAs, signatureAlgorithmName } from '../x509/der';
import { type BasicConstraintsView, type KeyUsageName, type RawExtension, decodeExtensions } from '../x509/extensions';
import type { SubjectAltName } from '../x509/general-names';

const STRUCTURE = 'PKCS#10';

/** PKCS#9 challengePassword (RFC 2985 §5.4.1), the SCEP one-time challenge. */
export const CHALLENGE_PASSWORD_OID = '1.2.840.113549.1.9.7';
/** PKCS#9 extensionRequest (RFC 2985 §5.4.2). */
export const EXTENSION_REQUEST_OID = '1.2.840.113549.1.9.14';
/** Microsoft's older szOID_CERT_EXTENSIONS, sent by some Windows enrollment clients instead of extensionRequest. */
export const MS_EXTENSION_REQUEST_OID = '1.3.6.1.4.1.311.2.1.14';

const SAN = '2.5.29.17';
const KU = '2.5.29.15';
const EKU = '2.5.29.37';

export interface CsrAttribute {
  readonly oid: string;
  /** Each value's DER. */
  readonly values: readonly Uint8Array[];
}

/** A parsed PKCS#10 request: read-only, keeps its DER; `verify()` checks the self-signature separately. */
export class CertificateRequest {
  readonly der: Uint8Array;
  readonly subject: string;
  readonly subjectNameDer: Uint8Array;
  readonly spki: Uint8Array;
  readonly publicKey: KeyDescription;
  readonly signatureAlgorithm: string;
  readonly attributes: readonly CsrAttribute[];
  /** The challengePassword as sent, whichever DirectoryString type the client used. */
  readonly challengePassword?: string;
  readonly challengePasswordEncoding?: 'printableString' | 'utf8String' | 'teletexString' | 'universalString' | 'bmpString';
  readonly subjectAltNames: readonly SubjectAltName[];
  readonly keyUsage?: readonly KeyUsageName[];
  /** OIDs. */
  readonly extendedKeyUsage?: readonly string[];
  readonly basicConstraints?: BasicConstraintsView;
  /** Every requested extension, decoded or not. */
  readonly extensions: readonly RawExtension[];
  /** Requested extensions other than SAN, keyUsage and EKU: what a CA policy must decide about. */
  readonly otherExtensions: readonly RawExtension[];

  private constructor(der: Uint8Array) {
    const asn = parseDer(der, CertificationRequest, STRUCTURE);
    this.der = new Uint8Array(der);
    const info = asn.certificationRequestInfo;
    const view = readingAs(STRUCTURE, () => {
      const subjectNameDer = new Uint8Array(AsnConvert.serialize(info.subject));
      const attributes: CsrAttribute[] = [...(info.attributes ?? [])].map((a) => ({ oid: a.type, values: a.values.map((v) => new Uint8Array(v)) }));
      return {
        subjectNameDer,
        subject: new x509.Name(subjectNameDer).toString(),
        spki: new Uint8Array(AsnConvert.serialize(info.subjectPKInfo)),
        attributes,
      };
    });
    this.subjectNameDer = view.subjectNameDer;
    this.subject = view.subject;
    this.spki = view.spki;
    this.attributes = view.attributes;
    this.publicKey = describePublicKey(this.spki);
    this.signatureAlgorithm = signatureAlgorithmName(asn.signatureAlgorithm.algorithm);

    const challenge = this.attributes.filter((a) => a.oid === CHALLENGE_PASSWORD_OID);
    if (challenge.length > 1 || (challenge[0] && challenge[0].values.length !== 1)) {
      // RFC 2985 §5.4.1: challengePassword is SINGLE VALUE TRUE.
      throw new PkiFormatError(STRUCTURE, 'challengePassword must be a single attribute with a single value');
    }
    if (challenge[0]) {
      const cp = readingAs(STRUCTURE, () => AsnConvert.parse(toArrayBuffer(challenge[0].values[0]), ChallengePassword));
      this.challengePassword = cp.toString();
      this.challengePasswordEncoding = (['printableString', 'utf8String', 'teletexString', 'universalString', 'bmpString'] as const).find(
        (k) => cp[k] !== undefined,
      );
    }

    const extAttrs = this.attributes.filter((a) => a.oid === EXTENSION_REQUEST_OID || a.oid === MS_EXTENSION_REQUEST_OID);
    const asnExtensions = readingAs(STRUCTURE, () => extAttrs.flatMap((a) => a.values.flatMap((v) => [...AsnConvert.parse(toArrayBuffer(v), Extensions)])));
    const ext = decodeExtensions(asnExtensions, STRUCTURE);
    this.subjectAltNames = ext.subjectAltNames;
    this.keyUsage = ext.keyUsage;
    this.extendedKeyUsage = ext.extendedKeyUsage;
    this.basicConstraints = ext.basicConstraints;
    this.extensions = ext.extensions;
    this.otherExtensions = ext.extensions.filter((e) => e.oid !== SAN && e.oid !== KU && e.oid !== EKU);
    Object.freeze(this);
  }

  /** Parses DER or PEM ("CERTIFICATE REQUEST", or "NEW CERTIFICATE REQUEST" as Windows certreq writes); throws only PkiFormatError. */
  static parse(input: Uint8Array | string): CertificateRequest {
    return new CertificateRequest(derOrPem(input, 'CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'));
  }

  get pem(): string {
    return toPem(this.der, 'CERTIFICATE REQUEST');
  }

  /** Whether the request is signed by the private key of the public key it carries (proof of possession). */
  async verify(crypto: Crypto = defaultCrypto): Promise<boolean> {
    try {
      return await new x509.Pkcs10CertificateRequest(toArrayBuffer(this.der)).verify(crypto);
    } catch {
      return false;
    }
  }

  toString(): string {
    return `CertificateRequest(subject="${this.subject}", key=${JSON.stringify(this.publicKey)})`;
  }
}
