import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { ContentInfo, EnvelopedData, type KeyTransRecipientInfo } from '@peculiar/asn1-cms';
import { RsaEsOaepParams } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { PkiFormatError, PkiVerificationError } from '../errors';
import {
  CMS_OIDS,
  CONTENT_CIPHERS,
  OID_MGF1,
  OID_RSA_ENCRYPTION,
  OID_RSAES_OAEP,
  cipherByOid,
  hashByDigestOid,
  type ContentCipher,
  type KeyWrap,
} from './algorithms';
import { certificateRef, identifierFrom, identifies, parseDer, type CmsIdentifier } from './asn1';
import { decryptContent } from './content-cipher';
import { unwrapOaep, unwrapPkcs1v15, type RsaKeyUnwrapper } from './rsa-unwrap';

const STRUCTURE = 'CMS EnvelopedData';
const ASN_DEFAULT_LABEL = new RsaEsOaepParams().pSourceAlgorithm.parameters;

export interface CmsKeyTransRecipientView {
  readonly rid: CmsIdentifier;
  readonly keyWrap: KeyWrap;
  readonly encryptedKey: Uint8Array;
}

/**
 * A parsed CMS ContentInfo/EnvelopedData (RFC 5652 §6). Read-only, keeps its DER; `decrypt()`
 * is the separate crypto step and takes an unwrap capability, never a raw private key.
 */
export class EnvelopedCms {
  private constructor(
    readonly der: Uint8Array,
    readonly contentType: string,
    readonly cipher: ContentCipher,
    readonly iv: Uint8Array,
    readonly encryptedContent: Uint8Array,
    /** The KeyTransRecipientInfos; other recipient kinds are not supported and rejected at parse. */
    readonly recipients: readonly CmsKeyTransRecipientView[],
  ) {}

  static parse(der: Uint8Array): EnvelopedCms {
    try {
      const info = parseDer(der, ContentInfo, STRUCTURE);
      if (info.contentType !== CMS_OIDS.envelopedData) {
        throw new PkiFormatError(STRUCTURE, `ContentInfo holds ${info.contentType}, not envelopedData`);
      }
      const ed = parseDer(info.content, EnvelopedData, STRUCTURE);
      const eci = ed.encryptedContentInfo;
      const cipher = cipherByOid(eci.contentEncryptionAlgorithm.algorithm);
      if (!cipher) throw new PkiFormatError(STRUCTURE, `unsupported content encryption ${eci.contentEncryptionAlgorithm.algorithm}`);
      const params = eci.contentEncryptionAlgorithm.parameters;
      if (!params) throw new PkiFormatError(STRUCTURE, 'content encryption without an IV');
      const iv = new Uint8Array(parseDer(params, OctetString, STRUCTURE).buffer);
      if (iv.length !== CONTENT_CIPHERS[cipher].ivBytes) throw new PkiFormatError(STRUCTURE, `IV of ${iv.length} bytes for ${cipher}`);
      const recipients = ed.recipientInfos.map((ri) => {
        if (!ri.ktri) throw new PkiFormatError(STRUCTURE, 'only KeyTransRecipientInfo is supported');
        return recipientView(ri.ktri);
      });
      if (recipients.length === 0) throw new PkiFormatError(STRUCTURE, 'no recipients');
      return new EnvelopedCms(der, eci.contentType, cipher, iv, encryptedContentOf(eci.encryptedContent), recipients);
    } catch (err) {
      if (err instanceof PkiFormatError) throw err;
      throw new PkiFormatError(STRUCTURE, 'malformed', { cause: err });
    }
  }

  /**
   * Decrypts the content for the recipient named by `recipientCertificate` (needed only when
   * there are several recipients). Any failure after the recipient is found — wrong key,
   * rejected padding, corrupt content — is one generic PkiVerificationError.
   */
  async decrypt(unwrapper: RsaKeyUnwrapper, recipientCertificate?: Uint8Array): Promise<Uint8Array> {
    let recipient: CmsKeyTransRecipientView | undefined;
    if (recipientCertificate) {
      const ref = certificateRef(recipientCertificate);
      recipient = this.recipients.find((r) => identifies(r.rid, ref));
      if (!recipient) throw new PkiVerificationError(STRUCTURE, 'the certificate is not among the recipients');
    } else if (this.recipients.length === 1) {
      recipient = this.recipients[0];
    } else {
      throw new PkiVerificationError(STRUCTURE, 'several recipients: say which certificate is ours');
    }
    const keyBytes = CONTENT_CIPHERS[this.cipher].keyBytes;
    const cek =
      recipient.keyWrap === 'rsa-pkcs1'
        ? await unwrapPkcs1v15(unwrapper, recipient.encryptedKey, keyBytes)
        : await unwrapOaep(unwrapper, recipient.encryptedKey, recipient.keyWrap === 'rsa-oaep-sha1' ? 'SHA-1' : 'SHA-256', keyBytes);
    return decryptContent(this.cipher, cek, this.iv, this.encryptedContent);
  }
}

function recipientView(ktri: KeyTransRecipientInfo): CmsKeyTransRecipientView {
  return {
    rid: identifierFrom(ktri.rid, STRUCTURE),
    keyWrap: keyWrapOf(ktri.keyEncryptionAlgorithm),
    encryptedKey: new Uint8Array(ktri.encryptedKey.buffer),
  };
}

function keyWrapOf(alg: AlgorithmIdentifier): KeyWrap {
  if (alg.algorithm === OID_RSA_ENCRYPTION) return 'rsa-pkcs1';
  if (alg.algorithm !== OID_RSAES_OAEP) throw new PkiFormatError(STRUCTURE, `unsupported key encryption ${alg.algorithm}`);
  const params = alg.parameters ? parseDer(alg.parameters, RsaEsOaepParams, STRUCTURE) : new RsaEsOaepParams();
  const hash = hashByDigestOid(params.hashAlgorithm.algorithm);
  if (params.maskGenAlgorithm.algorithm !== OID_MGF1 || !params.maskGenAlgorithm.parameters) {
    throw new PkiFormatError(STRUCTURE, 'OAEP mask generation is not MGF1');
  }
  const mgfHash = hashByDigestOid(parseDer(params.maskGenAlgorithm.parameters, AlgorithmIdentifier, STRUCTURE).algorithm);
  // Node's OAEP takes one hash for both the label and MGF1, as every CMS writer we know uses.
  if ((hash !== 'SHA-1' && hash !== 'SHA-256') || mgfHash !== hash) {
    throw new PkiFormatError(STRUCTURE, 'OAEP parameters other than SHA-1 or SHA-256 with MGF1 over the same hash');
  }
  // asn1-rsa fills an absent pSourceAlgorithm with a default whose label is SHA-1("") instead of
  // the empty string; an absent field means the empty label (RFC 8017 A.2.1), so that default is skipped.
  const label = params.pSourceAlgorithm.parameters;
  const isAsnDefault = label && Buffer.from(label).equals(Buffer.from(ASN_DEFAULT_LABEL ?? new ArrayBuffer(0)));
  if (label && !isAsnDefault && new Uint8Array(AsnConvert.parse(label, OctetString).buffer).length !== 0) {
    throw new PkiFormatError(STRUCTURE, 'OAEP with a non-empty label');
  }
  return hash === 'SHA-1' ? 'rsa-oaep-sha1' : 'rsa-oaep-sha256';
}

function encryptedContentOf(ec: { value?: OctetString; constructedValue?: OctetString[] } | undefined): Uint8Array {
  if (!ec) throw new PkiFormatError(STRUCTURE, 'no encrypted content (detached content is not supported)');
  if (ec.value) return new Uint8Array(ec.value.buffer);
  // BER writers split the ciphertext into a constructed OCTET STRING of segments.
  if (ec.constructedValue) return new Uint8Array(Buffer.concat(ec.constructedValue.map((s) => new Uint8Array(s.buffer))));
  throw new PkiFormatError(STRUCTURE, 'encrypted content is empty');
}

