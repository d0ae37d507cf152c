import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate as AsnCertificate } from '@peculiar/asn1-x509';
import { defaultCrypto, x509 } from '../crypto-provider';
import { derOrPem, toPem } from '../encoding/pem';
import { bytesEqual, toArrayBuffer } from '../encoding/bytes';
import { type KeyDescription, describePublicKey } from '../keys/describe';
import { importPublicKey } from '../keys/codec';
import type { KeyUse } from '../keys/key-spec';
import { type BasicConstraintsView, type ExtensionsView, type KeyUsageName, type RawExtension, decodeExtensions } from './extensions';
import type { SubjectAltName } from './general-names';
import { normalizeSerial, parseDer, readingAs, signatureAlgorithmName } from './der';

const STRUCTURE = 'X.509 certificate';

/**
 * A parsed X.509 certificate: read-only, keeps its DER, every view decoded once at parse time so
 * a malformed certificate fails in `parse` and never later.
 */
export class Certificate implements ExtensionsView {
  readonly der: Uint8Array;
  /** 1 or 3 in practice (the DER holds 0 or 2). */
  readonly version: number;
  /**
   * The DN as @peculiar/x509 prints it, `CN=…, O=…`, RDNs in DER order (first RDN first; RFC 4514
   * would reverse them). Builders read the same order, so a subject string round-trips.
   */
  readonly subject: string;
  readonly issuer: string;
  /** DER of the subject and issuer Names, for exact matching in chain building. */
  readonly subjectNameDer: Uint8Array;
  readonly issuerNameDer: Uint8Array;
  /** Lowercase hex of the serial's value, no sign octet (see normalizeSerial). */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spki: Uint8Array;
  readonly publicKey: KeyDescription;
  readonly signatureAlgorithm: string;
  /** Uppercase hex without separators, as Windows shows thumbprints. */
  readonly thumbprintSha1: string;
  readonly thumbprintSha256: string;

  readonly basicConstraints?: BasicConstraintsView;
  readonly keyUsage?: readonly KeyUsageName[];
  readonly keyUsageCritical?: boolean;
  readonly extendedKeyUsage?: readonly string[];
  readonly subjectAltNames: readonly SubjectAltName[];
  readonly subjectKeyIdentifier?: string;
  readonly authorityKeyIdentifier?: string;
  readonly crlDistributionPoints: readonly string[];
  readonly authorityInfoAccess: { readonly caIssuers: readonly string[]; readonly ocsp: readonly string[] };
  readonly certificatePolicies: readonly string[];
  readonly extensions: readonly RawExtension[];

  readonly #x509: x509.X509Certificate;

  private constructor(der: Uint8Array) {
    const asn = parseDer(der, AsnCertificate, STRUCTURE);
    this.der = new Uint8Array(der);
    const tbs = asn.tbsCertificate;
    this.version = tbs.version + 1;
    const view = readingAs(STRUCTURE, () => {
      const subjectNameDer = new Uint8Array(AsnConvert.serialize(tbs.subject));
      const issuerNameDer = new Uint8Array(AsnConvert.serialize(tbs.issuer));
      return {
        subjectNameDer,
        issuerNameDer,
        subject: new x509.Name(subjectNameDer).toString(),
        issuer: new x509.Name(issuerNameDer).toString(),
        spki: new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
        notBefore: tbs.validity.notBefore.getTime(),
        notAfter: tbs.validity.notAfter.getTime(),
      };
    });
    this.subjectNameDer = view.subjectNameDer;
    this.issuerNameDer = view.issuerNameDer;
    this.subject = view.subject;
    this.issuer = view.issuer;
    this.spki = view.spki;
    this.notBefore = view.notBefore;
    this.notAfter = view.notAfter;
    this.serialNumber = normalizeSerial(new Uint8Array(tbs.serialNumber));
    this.publicKey = describePublicKey(this.spki);
    this.signatureAlgorithm = signatureAlgorithmName(asn.signatureAlgorithm.algorithm);
    const ext = decodeExtensions(tbs.extensions, STRUCTURE);
    this.basicConstraints = ext.basicConstraints;
    this.keyUsage = ext.keyUsage;
    this.keyUsageCritical = ext.keyUsageCritical;
    this.extendedKeyUsage = ext.extendedKeyUsage;
    this.subjectAltNames = ext.subjectAltNames;
    this.subjectKeyIdentifier = ext.subjectKeyIdentifier;
    this.authorityKeyIdentifier = ext.authorityKeyIdentifier;
    this.crlDistributionPoints = ext.crlDistributionPoints;
    this.authorityInfoAccess = ext.authorityInfoAccess;
    this.certificatePolicies = ext.certificatePolicies;
    this.extensions = ext.extensions;
    this.thumbprintSha1 = createHash('sha1').update(this.der).digest('hex').toUpperCase();
    this.thumbprintSha256 = createHash('sha256').update(this.der).digest('hex').toUpperCase();
    this.#x509 = readingAs(STRUCTURE, () => new x509.X509Certificate(toArrayBuffer(this.der)));
    Object.freeze(this);
  }

  /** Parses DER or PEM ("CERTIFICATE"); throws only PkiFormatError on bad input. */
  static parse(input: Uint8Array | string): Certificate {
    return new Certificate(derOrPem(input, 'CERTIFICATE'));
  }

  get pem(): string {
    return toPem(this.der, 'CERTIFICATE');
  }

  get isCa(): boolean {
    return this.basicConstraints?.ca === true;
  }

  /** Subject and issuer are the same Name (a root, or a CA's self-issued rollover certificate). */
  get isSelfIssued(): boolean {
    return bytesEqual(this.subjectNameDer, this.issuerNameDer);
  }

  isValidAt(at: Date = new Date()): boolean {
    return at.getTime() >= this.notBefore.getTime() && at.getTime() <= this.notAfter.getTime();
  }

  /** Checks this certificate's signature with the issuer's public key; never throws on a bad signature. */
  async verifySignature(issuer: Certificate | Uint8Array, crypto: Crypto = defaultCrypto): Promise<boolean> {
    const spki = issuer instanceof Certificate ? issuer.spki : issuer;
    try {
      return await this.#x509.verify({ publicKey: toArrayBuffer(spki), signatureOnly: true }, crypto);
    } catch {
      return false;
    }
  }

  /** The subject public key as a WebCrypto key (verify by default; e.g. RSA-OAEP for encrypting to it). */
  async importPublicKey(use?: KeyUse, crypto: Crypto = defaultCrypto): Promise<CryptoKey> {
    return importPublicKey(this.spki, use ? { use } : {}, crypto);
  }

  /** The @peculiar/x509 object, for code in pki-core that builds on that library. */
  toX509(): x509.X509Certificate {
    return this.#x509;
  }

  /** What logs and APIs may show: identity and validity, never more than the certificate says. */
  toJSON(): { subject: string; issuer: string; serialNumber: string; notBefore: string; notAfter: string; thumbprintSha1: string } {
    return {
      subject: this.subject,
      issuer: this.issuer,
      serialNumber: this.serialNumber,
      notBefore: this.notBefore.toISOString(),
      notAfter: this.notAfter.toISOString(),
      thumbprintSha1: this.thumbprintSha1,
    };
  }

  toString(): string {
    return `Certificate(subject="${this.subject}", serial=${this.serialNumber}, sha1=${this.thumbprintSha1})`;
  }
}
