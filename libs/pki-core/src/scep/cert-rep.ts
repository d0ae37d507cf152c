import '../crypto-provider';
import { defaultCrypto } from '../crypto-provider';
import { buildCertsOnly, encryptCms, signCms, type CmsAttribute, type CmsKeyWrap, type CmsSignatureKey } from '../cms';
import type { HashName } from '../cms/algorithms';
import { octetAttribute, printableAttribute, utf8Attribute } from './attributes';
import { FAIL_INFO, MESSAGE_TYPES, NONCE_BYTES, PKI_STATUS, type ScepFailInfo, type ScepPkiStatus } from './wire';

/** Who signs a pkiMessage: a certificate and a key that can sign (WebCrypto key or key-store capability). */
export interface ScepSigner {
  readonly certificate: Uint8Array;
  readonly key: CryptoKey | CmsSignatureKey;
}

/** The values a CertRep was built from; the DER beside it was signed over exactly these. */
export interface CertRepModel {
  readonly messageType: 'CertRep';
  readonly pkiStatus: ScepPkiStatus;
  readonly transactionId: string;
  readonly senderNonce: Uint8Array;
  readonly recipientNonce: Uint8Array;
  readonly failInfo?: ScepFailInfo;
  readonly failInfoText?: string;
  readonly certificates?: readonly Uint8Array[];
  readonly crls?: readonly Uint8Array[];
}

export interface CertRepReply {
  readonly der: Uint8Array;
  readonly model: CertRepModel;
}

export interface CertRepInput {
  readonly transactionId: string;
  readonly recipientNonce: Uint8Array;
  readonly pkiStatus: ScepPkiStatus;
  readonly signer: ScepSigner;
  readonly hash: HashName;
  readonly failInfo?: ScepFailInfo;
  readonly failInfoText?: string;
  readonly certificates?: readonly Uint8Array[];
  readonly crls?: readonly Uint8Array[];
  /** SUCCESS: the requester's signing certificate, whom the envelope is encrypted to. */
  readonly recipientCertificate?: Uint8Array;
  readonly cipher?: 'aes-256-cbc' | 'des-ede3-cbc' | 'aes-128-cbc';
  readonly keyWrap?: CmsKeyWrap;
  readonly extraCertificates?: readonly Uint8Array[];
  readonly signingTime?: Date;
  readonly senderNonce?: Uint8Array;
}

/**
 * Builds a CertRep (RFC 8894 §3.3.2). Used through a parsed request's `success/failure/pending`,
 * which fill the transactionID and recipientNonce from the request.
 */
export async function buildCertRep(input: CertRepInput, crypto: Crypto = defaultCrypto): Promise<CertRepReply> {
  const senderNonce = input.senderNonce ?? crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const model: CertRepModel = {
    messageType: 'CertRep',
    pkiStatus: input.pkiStatus,
    transactionId: input.transactionId,
    senderNonce,
    recipientNonce: input.recipientNonce,
    ...(input.pkiStatus === 'FAILURE' ? { failInfo: input.failInfo ?? 'badRequest', failInfoText: input.failInfoText } : {}),
    ...(input.pkiStatus === 'SUCCESS' ? { certificates: input.certificates ?? [], crls: input.crls ?? [] } : {}),
  };

  const attributes: CmsAttribute[] = [
    printableAttribute('transactionID', model.transactionId),
    printableAttribute('messageType', MESSAGE_TYPES.CertRep),
    printableAttribute('pkiStatus', PKI_STATUS[model.pkiStatus]),
    octetAttribute('senderNonce', model.senderNonce),
    octetAttribute('recipientNonce', model.recipientNonce),
  ];
  if (model.failInfo) attributes.push(printableAttribute('failInfo', FAIL_INFO[model.failInfo].wire));
  if (model.failInfoText) attributes.push(utf8Attribute('failInfoText', model.failInfoText));

  // RFC 8894 §3.3.2: on SUCCESS the envelope holds a certs-only SignedData with the issued
  // certificate (or the CRL); "If the pkiStatus is FAILURE or PENDING, the pkcsPKIEnvelope
  // MUST be omitted".
  let content: Uint8Array = new Uint8Array(0);
  if (model.pkiStatus === 'SUCCESS') {
    if (!input.recipientCertificate) throw new TypeError('a SUCCESS CertRep needs the requester certificate to encrypt to');
    content = await encryptCms(
      {
        content: buildCertsOnly(model.certificates ?? [], model.crls ?? []),
        cipher: input.cipher ?? 'aes-256-cbc',
        recipients: [{ certificate: input.recipientCertificate, keyWrap: input.keyWrap }],
      },
      crypto,
    );
  }
  const der = await signCms(
    {
      content,
      detached: content.length === 0,
      signers: [{ certificate: input.signer.certificate, key: input.signer.key, hash: input.hash, attributes, signingTime: input.signingTime }],
      certificates: input.extraCertificates,
    },
    crypto,
  );
  return { der, model };
}
