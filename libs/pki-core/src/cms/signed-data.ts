import '../crypto-provider';
import { defaultCrypto } from '../crypto-provider';
import { OctetString } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData, SignerInfo } from '@peculiar/asn1-cms';
import { Time } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { PkiFormatError, PkiVerificationError } from '../errors';
import { bytesEqual, toArrayBuffer } from '../encoding/bytes';
import { CMS_OIDS, hashByDigestOid, type HashName } from './algorithms';
import { certificateRef, identifierFrom, identifies, parseDer, rawSignedAttributes, rawTaggedChildren, type CertificateRef, type CmsIdentifier } from './asn1';
import { verifySignature } from './signature';

const STRUCTURE = 'CMS SignedData';

/** One SignerInfo, read-only. Signed attribute values are the DER of each value in the attribute's SET. */
export interface CmsSignerInfoView {
  readonly version: number;
  readonly sid: CmsIdentifier;
  readonly hash: HashName;
  readonly digestAlgorithmOid: string;
  readonly signatureAlgorithmOid: string;
  readonly signature: Uint8Array;
  /** The DER SET OF Attribute the signature covers, or undefined when there are no signed attributes. */
  readonly signedAttributesDer?: Uint8Array;
  /** Signed attributes by OID; each entry is the list of value encodings. */
  readonly signedAttributes: ReadonlyMap<string, readonly Uint8Array[]>;
  /** The single value of a signed attribute, or undefined if it is absent or multi-valued. */
  signedAttribute(oid: string): Uint8Array | undefined;
  readonly messageDigest?: Uint8Array;
  readonly signingTime?: Date;
}

export interface CmsVerifyOptions {
  /** The signer certificate, when it is not in the SignedData's bag (or to pin a known one). */
  readonly signerCertificate?: Uint8Array;
  /** The content, for a detached signature. */
  readonly detachedContent?: Uint8Array;
}

/**
 * A parsed CMS ContentInfo/SignedData (RFC 5652 §5). Read-only; keeps the DER it came from.
 * Parsing only checks structure; `verify()` is the separate crypto step.
 */
export class SignedCms {
  private constructor(
    readonly der: Uint8Array,
    readonly eContentType: string,
    /** The encapsulated content's octets, or undefined for a detached or certificates-only SignedData. */
    readonly eContent: Uint8Array | undefined,
    /** The certificates of the bag, each exactly as it was encoded. */
    readonly certificates: readonly Uint8Array[],
    readonly signers: readonly CmsSignerInfoView[],
    /** The CRLs (RevocationInfoChoices), each exactly as it was encoded. */
    readonly crls: readonly Uint8Array[] = [],
  ) {}

  static parse(der: Uint8Array): SignedCms {
    try {
      const info = parseDer(der, ContentInfo, STRUCTURE);
      if (info.contentType !== CMS_OIDS.signedData) {
        throw new PkiFormatError(STRUCTURE, `ContentInfo holds ${info.contentType}, not signedData`);
      }
      const sdDer = new Uint8Array(info.content);
      const sd = parseDer(withoutCrls(sdDer), SignedData, STRUCTURE);
      const certificates = rawTaggedChildren(sdDer, 0, STRUCTURE) ?? [];
      const eContent = readEContent(sd);
      const raws = rawSignedAttributes(sdDer, STRUCTURE);
      if (raws.length !== sd.signerInfos.length) throw new PkiFormatError(STRUCTURE, 'signerInfos do not add up');
      const signers = sd.signerInfos.map((si, i) => signerView(si, raws[i]));
      const crls = rawTaggedChildren(sdDer, 1, STRUCTURE) ?? [];
      return new SignedCms(der, sd.encapContentInfo.eContentType, eContent, certificates, signers, crls);
    } catch (err) {
      if (err instanceof PkiFormatError) throw err;
      throw new PkiFormatError(STRUCTURE, 'malformed', { cause: err });
    }
  }

  /** True for a certificates-only ("degenerate") SignedData: no signers and no content. */
  get isCertificatesOnly(): boolean {
    return this.signers.length === 0 && this.eContent === undefined;
  }

  /**
   * Checks every SignerInfo: the message digest against the content and the signature against
   * the signer certificate (from `options` or found in the bag). Throws PkiVerificationError on
   * any failure; returns the signer certificates, in SignerInfo order.
   */
  async verify(options: CmsVerifyOptions = {}, crypto: Crypto = defaultCrypto): Promise<Uint8Array[]> {
    if (this.signers.length === 0) throw new PkiVerificationError(STRUCTURE, 'there is no signer to verify');
    const content = options.detachedContent ?? this.eContent;
    if (content === undefined) throw new PkiVerificationError(STRUCTURE, 'detached content is needed to verify');
    const bag = this.certificates.map((c) => safeRef(c)).filter((r): r is CertificateRef => r !== undefined);
    const pinned = options.signerCertificate ? certificateRef(options.signerCertificate) : undefined;
    const used: Uint8Array[] = [];
    for (const signer of this.signers) {
      const cert = pinned ?? bag.find((r) => identifies(signer.sid, r));
      if (!cert) throw new PkiVerificationError(STRUCTURE, 'signer certificate not found');
      if (pinned && !identifies(signer.sid, pinned)) {
        throw new PkiVerificationError(STRUCTURE, 'SignerInfo does not name the given signer certificate');
      }
      let signedBytes = content;
      if (signer.signedAttributesDer) {
        // RFC 5652 §5.3: content-type MUST equal eContentType; message-digest MUST match the content.
        const ct = signer.signedAttribute(CMS_OIDS.contentType);
        if (!ct || readOid(ct) !== this.eContentType) {
          throw new PkiVerificationError(STRUCTURE, 'content-type attribute does not match eContentType');
        }
        const digest = new Uint8Array(await crypto.subtle.digest(signer.hash, toArrayBuffer(content)));
        if (!signer.messageDigest || !bytesEqual(digest, signer.messageDigest)) {
          throw new PkiVerificationError(STRUCTURE, 'message digest does not match the content');
        }
        signedBytes = signer.signedAttributesDer;
      }
      let ok: boolean;
      try {
        ok = await verifySignature(cert.spkiDer, signer.signatureAlgorithmOid, signer.hash, signer.signature, signedBytes, crypto);
      } catch (cause) {
        throw new PkiVerificationError(STRUCTURE, 'signature could not be checked', { cause });
      }
      if (!ok) throw new PkiVerificationError(STRUCTURE, 'signature does not verify');
      used.push(cert.der);
    }
    return used;
  }
}

/** The certificates of a certificates-only SignedData (SCEP GetCACert / CertRep, `openssl crl2pkcs7 -nocrl`). */
export function readCertsOnly(der: Uint8Array): Uint8Array[] {
  return [...SignedCms.parse(der).certificates];
}

/**
 * asn1-cms 2.11's RevocationInfoChoice only knows the `other` alternative, not a plain
 * CertificateList, so a SignedData carrying a CRL (a SCEP GetCRL reply, `openssl crl2pkcs7`)
 * would not parse. The CRLs are read raw from the original bytes; the schema parse gets the
 * SignedData without them.
 */
function withoutCrls(sdDer: Uint8Array): Uint8Array {
  const parsed = asn1js.fromBER(toArrayBuffer(sdDer));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return sdDer;
  const fields = parsed.result.valueBlock.value;
  const at = fields.findIndex((el) => el.idBlock.tagClass === 3 && el.idBlock.tagNumber === 1);
  if (at === -1) return sdDer;
  fields.splice(at, 1);
  return new Uint8Array(parsed.result.toBER(false));
}

function safeRef(der: Uint8Array): CertificateRef | undefined {
  try {
    return certificateRef(der);
  } catch {
    return undefined;
  }
}

function readEContent(sd: SignedData): Uint8Array | undefined {
  const e = sd.encapContentInfo.eContent;
  if (!e) return undefined;
  if (e.single) return new Uint8Array(e.single.buffer);
  if (e.any) {
    // BER writers (streaming openssl, some SCEP clients) send eContent as a constructed OCTET STRING.
    const parsed = asn1js.fromBER(e.any);
    if (parsed.offset !== -1 && parsed.result instanceof asn1js.OctetString) {
      return new Uint8Array(parsed.result.getValue());
    }
  }
  throw new PkiFormatError(STRUCTURE, 'eContent is not an OCTET STRING');
}

function signerView(si: SignerInfo, rawAttrs: Uint8Array | undefined): CmsSignerInfoView {
  const hash = hashByDigestOid(si.digestAlgorithm.algorithm);
  if (!hash) throw new PkiFormatError(STRUCTURE, `unsupported digest algorithm ${si.digestAlgorithm.algorithm}`);
  const attrs = new Map<string, Uint8Array[]>();
  for (const a of si.signedAttrs ?? []) {
    if (attrs.has(a.attrType)) throw new PkiFormatError(STRUCTURE, `signed attribute ${a.attrType} appears twice`);
    attrs.set(a.attrType, a.attrValues.map((v) => new Uint8Array(v)));
  }
  let signedAttributesDer: Uint8Array | undefined;
  if (si.signedAttrs) {
    if (!rawAttrs || rawAttrs[0] !== 0xa0) throw new PkiFormatError(STRUCTURE, 'signed attributes without their encoding');
    // RFC 5652 §5.4: the signature covers the attributes under an EXPLICIT SET OF tag, not [0] IMPLICIT.
    signedAttributesDer = rawAttrs.slice();
    signedAttributesDer[0] = 0x31;
  }
  const single = (oid: string) => {
    const values = attrs.get(oid);
    return values && values.length === 1 ? values[0] : undefined;
  };
  const md = single(CMS_OIDS.messageDigest);
  const st = single(CMS_OIDS.signingTime);
  return {
    version: si.version,
    sid: identifierFrom(si.sid, STRUCTURE),
    hash,
    digestAlgorithmOid: si.digestAlgorithm.algorithm,
    signatureAlgorithmOid: si.signatureAlgorithm.algorithm,
    signature: new Uint8Array(si.signature.buffer),
    signedAttributesDer,
    signedAttributes: attrs,
    signedAttribute: single,
    messageDigest: md ? new Uint8Array(parseDer(md, OctetString, STRUCTURE).buffer) : undefined,
    signingTime: st ? parseDer(st, Time, STRUCTURE).getTime() : undefined,
  };
}

function readOid(der: Uint8Array): string | undefined {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  return parsed.result instanceof asn1js.ObjectIdentifier ? parsed.result.getValue() : undefined;
}

