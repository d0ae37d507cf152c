import { defaultCrypto, x509 } from '../crypto-provider';
import { toArrayBuffer } from '../encoding/bytes';
import { Certificate } from './certificate';
import { type ExtensionsProfile, encodeExtensions } from './extensions';
import { randomSerialNumber, signingAlgorithmFor } from './signing';

export interface CertificateProfile extends ExtensionsProfile {
  /** A DN string (`CN=…, O=…`; PrintableString where possible, else UTF8String) or a Name's DER. */
  readonly subject: string | Uint8Array;
  /** Hex; a random positive 16-byte serial by default. */
  readonly serialNumber?: string;
  /** Now by default. */
  readonly notBefore?: Date;
  /** notBefore + 365 days by default. */
  readonly notAfter?: Date;
  /** Adds the RFC 5280 §4.2.1.2 method-1 key identifier (SHA-1 of the key). Default true. */
  readonly subjectKeyIdentifier?: boolean;
}

/** Who signs: the CA certificate (for the issuer Name and key identifier) and its private key. */
export interface CertificateIssuer {
  readonly certificate: Certificate;
  readonly privateKey: CryptoKey;
}

const DAY = 24 * 60 * 60 * 1000;

function validity(profile: CertificateProfile): { notBefore: Date; notAfter: Date } {
  // UTCTime/GeneralizedTime carry whole seconds; truncate so the parsed view equals what was asked.
  const notBefore = new Date(Math.floor((profile.notBefore ?? new Date()).getTime() / 1000) * 1000);
  const notAfter = new Date(Math.floor((profile.notAfter ?? new Date(notBefore.getTime() + 365 * DAY)).getTime() / 1000) * 1000);
  if (notAfter.getTime() < notBefore.getTime()) throw new RangeError('notAfter is before notBefore');
  return { notBefore, notAfter };
}

function nameOf(subject: string | Uint8Array): x509.Name {
  return typeof subject === 'string' ? new x509.Name(subject) : new x509.Name(toArrayBuffer(subject));
}

async function extensionsFor(
  profile: CertificateProfile,
  publicKey: CryptoKey | Uint8Array,
  authorityKeyId: string | undefined,
  crypto: Crypto,
): Promise<x509.Extension[]> {
  const extensions = encodeExtensions(profile);
  const key = publicKey instanceof Uint8Array ? toArrayBuffer(publicKey) : publicKey;
  if (profile.subjectKeyIdentifier ?? true) extensions.push(await x509.SubjectKeyIdentifierExtension.create(key, false, crypto));
  if (authorityKeyId) extensions.push(new x509.AuthorityKeyIdentifierExtension(authorityKeyId, false));
  return extensions;
}

/** A self-signed certificate (a root CA, or a device's self-signed SCEP signer certificate). */
export async function createSelfSignedCertificate(
  profile: CertificateProfile & { readonly keys: CryptoKeyPair },
  crypto: Crypto = defaultCrypto,
): Promise<Certificate> {
  const ski = (profile.subjectKeyIdentifier ?? true) ? await x509.SubjectKeyIdentifierExtension.create(profile.keys.publicKey, false, crypto) : undefined;
  const extensions = encodeExtensions(profile);
  if (ski) extensions.push(ski, new x509.AuthorityKeyIdentifierExtension(ski.keyId, false));
  const name = nameOf(profile.subject);
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: profile.serialNumber ?? randomSerialNumber(),
      subject: name,
      issuer: name,
      ...validity(profile),
      publicKey: profile.keys.publicKey,
      signingKey: profile.keys.privateKey,
      signingAlgorithm: signingAlgorithmFor(profile.keys.privateKey),
      extensions,
    },
    crypto,
  );
  return Certificate.parse(new Uint8Array(cert.rawData));
}

/** A certificate for `publicKey` (a CryptoKey or SPKI DER) signed by the issuer CA. */
export async function issueCertificate(
  profile: CertificateProfile & { readonly publicKey: CryptoKey | Uint8Array },
  issuer: CertificateIssuer,
  crypto: Crypto = defaultCrypto,
): Promise<Certificate> {
  const authorityKeyId =
    issuer.certificate.subjectKeyIdentifier ?? (await x509.SubjectKeyIdentifierExtension.create(toArrayBuffer(issuer.certificate.spki), false, crypto)).keyId;
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: profile.serialNumber ?? randomSerialNumber(),
      subject: nameOf(profile.subject),
      // The issuer Name is copied byte for byte from the CA certificate, so chain builders that
      // compare Names exactly (Windows CryptoAPI among them) link the two.
      issuer: new x509.Name(toArrayBuffer(issuer.certificate.subjectNameDer)),
      ...validity(profile),
      publicKey: profile.publicKey instanceof Uint8Array ? toArrayBuffer(profile.publicKey) : profile.publicKey,
      signingKey: issuer.privateKey,
      signingAlgorithm: signingAlgorithmFor(issuer.privateKey),
      extensions: await extensionsFor(profile, profile.publicKey, authorityKeyId, crypto),
    },
    crypto,
  );
  return Certificate.parse(new Uint8Array(cert.rawData));
}
