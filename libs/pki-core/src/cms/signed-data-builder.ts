import '../crypto-provider';
import { defaultCrypto } from '../crypto-provider';
import { AsnConvert, AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import * as asn1js from 'asn1js';
import {
  Attribute,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifier,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  SignatureAlgorithmIdentifier,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { SubjectKeyIdentifier, Time } from '@peculiar/asn1-x509';
import { toArrayBuffer } from '../encoding/bytes';
import { CMS_OIDS, DIGESTS, type HashName } from './algorithms';
import { certificateRef, compareBytes, derSetOf, encodeDer, issuerAndSerialNumberOf } from './asn1';
import { asSignatureKey, signatureAlgorithmOid, type CmsSignatureKey } from './signature';

/** A signed attribute given by the caller: its OID and the DER of each value in its SET. */
export interface CmsAttribute {
  readonly oid: string;
  readonly values: readonly Uint8Array[];
}

export interface CmsSignerOptions {
  /** DER of the signer's certificate; it names the signer and (by default) goes into the bag. */
  readonly certificate: Uint8Array;
  readonly key: CryptoKey | CmsSignatureKey;
  /** Defaults to SHA-256. */
  readonly hash?: HashName;
  /** Defaults to now; `null` leaves signing-time out. */
  readonly signingTime?: Date | null;
  /** Extra signed attributes (SCEP puts its messageType, nonces and transactionID here). */
  readonly attributes?: readonly CmsAttribute[];
  /** Defaults to issuerAndSerialNumber, the only form SCEP (RFC 8894 §3) and old clients read. */
  readonly identifyBy?: 'issuerAndSerialNumber' | 'subjectKeyIdentifier';
}

export interface SignCmsOptions {
  readonly content: Uint8Array;
  /** eContentType; defaults to id-data. */
  readonly contentType?: string;
  /** Leave eContent out (the content travels separately). */
  readonly detached?: boolean;
  readonly signers: readonly CmsSignerOptions[];
  /** More certificates for the bag (chain, RA certs), DER. Signer certificates are added automatically. */
  readonly certificates?: readonly Uint8Array[];
  /** Leave signer certificates out of the bag. */
  readonly omitSignerCertificates?: boolean;
}

/** Builds a CMS ContentInfo/SignedData (RFC 5652 §5) and returns its DER. */
export async function signCms(options: SignCmsOptions, crypto: Crypto = defaultCrypto): Promise<Uint8Array> {
  const contentType = options.contentType ?? CMS_OIDS.data;
  const signerInfos: SignerInfo[] = [];
  const digestOids = new Set<string>();
  let usesSki = false;
  for (const signer of options.signers) {
    const hash = signer.hash ?? 'SHA-256';
    digestOids.add(DIGESTS[hash].oid);
    const ref = certificateRef(signer.certificate);
    const key = asSignatureKey(signer.key, crypto);
    const digest = new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(options.content)));

    // RFC 5652 §5.3: with signed attributes, content-type and message-digest MUST be present.
    const attrs: Attribute[] = [
      attribute(CMS_OIDS.contentType, [encodeOid(contentType)]),
      attribute(CMS_OIDS.messageDigest, [encodeDer(new OctetString(toArrayBuffer(digest)))]),
    ];
    if (signer.signingTime !== null) {
      attrs.push(attribute(CMS_OIDS.signingTime, [encodeDer(new Time(signer.signingTime ?? new Date()))]));
    }
    for (const a of signer.attributes ?? []) attrs.push(attribute(a.oid, a.values));

    // X.690 11.6: DER SET OF is sorted by encoding; the signature covers that sorted SET.
    const encoded = attrs.map((a) => ({ a, der: encodeDer(a) })).sort((x, y) => compareBytes(x.der, y.der));
    const signedAttrsDer = derSetOf(encoded.map((e) => e.der));
    const signature = await key.sign(signedAttrsDer, hash);

    let sid: SignerIdentifier;
    if (signer.identifyBy === 'subjectKeyIdentifier') {
      if (!ref.subjectKeyIdentifier) throw new TypeError('signer certificate has no subjectKeyIdentifier');
      sid = new SignerIdentifier({ subjectKeyIdentifier: new SubjectKeyIdentifier(toArrayBuffer(ref.subjectKeyIdentifier)) });
      usesSki = true;
    } else {
      sid = new SignerIdentifier({ issuerAndSerialNumber: issuerAndSerialNumberOf(ref) });
    }
    signerInfos.push(
      new SignerInfo({
        // RFC 5652 §5.3: version 1 for issuerAndSerialNumber, 3 for subjectKeyIdentifier.
        version: signer.identifyBy === 'subjectKeyIdentifier' ? CMSVersion.v3 : CMSVersion.v1,
        sid,
        digestAlgorithm: new DigestAlgorithmIdentifier({ algorithm: DIGESTS[hash].oid }),
        signedAttrs: encoded.map((e) => e.a),
        signatureAlgorithm: new SignatureAlgorithmIdentifier({
          algorithm: signatureAlgorithmOid(key.keyType, hash),
          // RSA signature AlgorithmIdentifiers carry an explicit NULL (RFC 4055 §5).
          parameters: key.keyType === 'RSA' ? new Uint8Array([5, 0]).buffer : undefined,
        }),
        signature: new OctetString(toArrayBuffer(signature)),
      }),
    );
  }

  const bag = [...(options.omitSignerCertificates ? [] : options.signers.map((s) => s.certificate)), ...(options.certificates ?? [])];
  const signedData = new SignedData({
    // RFC 5652 §5.1: version 3 when any SignerInfo is v3 or eContentType is not id-data, else 1.
    version: usesSki || contentType !== CMS_OIDS.data ? CMSVersion.v3 : CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers(
      [...digestOids].map((oid) => new DigestAlgorithmIdentifier({ algorithm: oid })),
    ),
    encapContentInfo: new EncapsulatedContentInfo({
      eContentType: contentType,
      eContent: options.detached ? undefined : new EncapsulatedContent({ single: new OctetString(toArrayBuffer(options.content)) }),
    }),
    signerInfos: new SignerInfos(signerInfos),
  });
  return wrapContentInfo(CMS_OIDS.signedData, withCertificates(signedData, bag));
}

/**
 * A degenerate, certificates-only SignedData (RFC 8894 §3.4, RFC 5652 §5): no signers, no
 * content. SCEP GetCACert and CertRep carry certificates this way; `openssl crl2pkcs7 -nocrl`
 * writes the same shape.
 */
export function buildCertsOnly(certificates: readonly Uint8Array[], crls: readonly Uint8Array[] = []): Uint8Array {
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: CMS_OIDS.data }),
    signerInfos: new SignerInfos([]),
  });
  return wrapContentInfo(CMS_OIDS.signedData, withCertificates(signedData, certificates, crls));
}

/**
 * Adds `certificates [0] IMPLICIT CertificateSet` from the certificates' own bytes. Going through
 * a parsed asn1-schema Certificate would re-encode them, and a re-encoded certificate may no
 * longer match its signature.
 */
function withCertificates(signedData: SignedData, ders: readonly Uint8Array[], crls: readonly Uint8Array[] = []): Uint8Array {
  const asn = AsnSerializer.toASN(signedData);
  if (!(asn instanceof asn1js.Sequence)) throw new Error('SignedData did not serialize to a SEQUENCE');
  if (crls.length) {
    // crls [1] IMPLICIT RevocationInfoChoices, after certificates (GetCRL replies carry a CRL this way).
    const values = crls.map((der) => asn1js.fromBER(toArrayBuffer(der)).result);
    asn.valueBlock.value.splice(3, 0, new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: values }));
  }
  if (ders.length) {
    const certs = ders.map((der) => {
      certificateRef(der); // refuse what is not a certificate before it goes into a signed structure
      return asn1js.fromBER(toArrayBuffer(der)).result;
    });
    const tagged = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: certs });
    // certificates sits after encapContentInfo (index 2).
    asn.valueBlock.value.splice(3, 0, tagged);
  }
  return new Uint8Array(asn.toBER(false));
}

export function wrapContentInfo(contentType: string, content: unknown): Uint8Array {
  const bytes = content instanceof Uint8Array ? toArrayBuffer(content) : AsnConvert.serialize(content);
  return encodeDer(new ContentInfo({ contentType, content: bytes }));
}

function attribute(oid: string, values: readonly Uint8Array[]): Attribute {
  return new Attribute({ attrType: oid, attrValues: values.map((v) => toArrayBuffer(v)) });
}

function encodeOid(oid: string): Uint8Array {
  return new Uint8Array(new asn1js.ObjectIdentifier({ value: oid }).toBER(false));
}
