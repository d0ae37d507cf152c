import '../crypto-provider';
import { defaultCrypto } from '../crypto-provider';
import { PkiFormatError, PkiVerificationError } from '../errors';
import { bytesEqual } from '../encoding/bytes';
import {
  EnvelopedCms,
  SignedCms,
  type CmsKeyWrap,
  type CmsContentCipher,
  type CmsSignerInfoView,
  type RsaKeyUnwrapper,
} from '../cms';
import type { HashName } from '../cms/algorithms';
import { certificateRef, identifies } from '../cms/asn1';
import { readOctets, readString } from './attributes';
import { buildCertRep, type CertRepReply, type ScepSigner } from './cert-rep';
import {
  checkCsr,
  decodeIssuerAndSerial,
  decodeIssuerAndSubject,
  type IssuerAndSerialValue,
  type IssuerAndSubjectValue,
} from './inner-content';
import {
  NONCE_BYTES,
  SCEP_ATTRIBUTES,
  failInfoByWire,
  messageTypeByWire,
  pkiStatusByWire,
  type ScepAttributeName,
  type ScepFailInfo,
  type ScepMessageType,
  type ScepPkiStatus,
} from './wire';

const STRUCTURE = 'SCEP PKIMessage';

/**
 * What every SCEP pkiMessage carries (RFC 8894 §3.2): a CMS SignedData with exactly one signer
 * whose signed attributes hold "transactionID ... MUST be included in all PKI messages" and
 * "messageType ... MUST be included in all PKI messages", and, for all but failed and pending
 * replies, a pkcsPKIEnvelope (EnvelopedData) as eContent.
 */
abstract class ScepMessageBase {
  abstract readonly messageType: ScepMessageType;

  constructor(
    readonly der: Uint8Array,
    readonly signed: SignedCms,
    readonly transactionId: string,
    /** The pkcsPKIEnvelope, when the message has one. */
    readonly envelope: EnvelopedCms | undefined,
    /** The certificate the SignerInfo names, as found in the message's bag (not yet verified). */
    readonly signerCertificate: Uint8Array | undefined,
  ) {}

  get signerInfo(): CmsSignerInfoView {
    return this.signed.signers[0];
  }

  /** The hash the sender signed with; replies mirror it. */
  get hash(): HashName {
    return this.signerInfo.hash;
  }

  /**
   * Verifies the outer signature. Without `signerCertificate` the certificate comes from the
   * message itself: for PKCSReq that is the client's self-signed certificate (RFC 8894 §3.3.1:
   * "the client MUST use ... a self-signed certificate" when it has none), for RenewalReq its
   * existing certificate; deciding whether to trust that certificate is the caller's job.
   * Returns the signer certificate.
   */
  async verify(signerCertificate?: Uint8Array, crypto: Crypto = defaultCrypto): Promise<Uint8Array> {
    const [cert] = await this.signed.verify({ signerCertificate, detachedContent: this.signed.eContent ?? new Uint8Array(0) }, crypto);
    return cert;
  }

  protected async openEnvelope(unwrapper: RsaKeyUnwrapper, recipientCertificate?: Uint8Array): Promise<Uint8Array> {
    if (!this.envelope) throw new PkiFormatError(STRUCTURE, `${this.messageType} carries no pkcsPKIEnvelope`);
    return this.envelope.decrypt(unwrapper, recipientCertificate);
  }
}

export interface ReplyOptions {
  /** The RA (or CA) that signs the CertRep; its certificate goes into the reply's bag. */
  readonly raSigner: ScepSigner;
  /** More certificates for the outer bag (e.g. the CA). */
  readonly extraCertificates?: readonly Uint8Array[];
  /** Defaults to the hash the client signed with. */
  readonly hash?: HashName;
  readonly signingTime?: Date;
}

/** A client request: replies are built from it so they echo its transactionID and nonce. */
abstract class ScepRequestBase extends ScepMessageBase {
  constructor(
    der: Uint8Array,
    signed: SignedCms,
    transactionId: string,
    envelope: EnvelopedCms,
    signerCertificate: Uint8Array | undefined,
    /** RFC 8894 §3.2.1.5: a 16-byte random number the reply returns as recipientNonce. */
    readonly senderNonce: Uint8Array,
  ) {
    super(der, signed, transactionId, envelope, signerCertificate);
  }

  /**
   * The cipher and key wrap of the reply's envelope, chosen from what the client used: a client
   * that wrote AES of any size reads AES-256; a 3DES-only client gets 3DES; never single DES.
   */
  get replyEncryption(): { cipher: 'aes-256-cbc' | 'des-ede3-cbc'; keyWrap: CmsKeyWrap } {
    const env = this.envelope as EnvelopedCms;
    const used: CmsContentCipher = env.cipher;
    return { cipher: used === 'des-ede3-cbc' ? 'des-ede3-cbc' : 'aes-256-cbc', keyWrap: env.recipients[0].keyWrap };
  }

  /** CertRep SUCCESS with the issued certificates (and/or CRLs for GetCRL) encrypted to the request's signer. */
  async success(
    options: ReplyOptions & { readonly issuedCerts?: readonly Uint8Array[]; readonly crls?: readonly Uint8Array[] },
    crypto: Crypto = defaultCrypto,
  ): Promise<CertRepReply> {
    const recipient = this.signerCertificate;
    if (!recipient) throw new PkiVerificationError(STRUCTURE, 'the request has no signer certificate to encrypt the reply to');
    return buildCertRep(
      {
        ...this.replyBase(options),
        pkiStatus: 'SUCCESS',
        certificates: options.issuedCerts ?? [],
        crls: options.crls ?? [],
        recipientCertificate: recipient,
        ...this.replyEncryption,
      },
      crypto,
    );
  }

  /** CertRep FAILURE: a business refusal the client can read (STYLE habit 5), with an optional failInfoText. */
  async failure(failInfo: ScepFailInfo, text: string | undefined, options: ReplyOptions, crypto: Crypto = defaultCrypto): Promise<CertRepReply> {
    return buildCertRep({ ...this.replyBase(options), pkiStatus: 'FAILURE', failInfo, failInfoText: text }, crypto);
  }

  /** CertRep PENDING: the client polls with CertPoll under the same transactionID. */
  async pending(options: ReplyOptions, crypto: Crypto = defaultCrypto): Promise<CertRepReply> {
    return buildCertRep({ ...this.replyBase(options), pkiStatus: 'PENDING' }, crypto);
  }

  private replyBase(options: ReplyOptions) {
    return {
      transactionId: this.transactionId,
      recipientNonce: this.senderNonce,
      signer: options.raSigner,
      hash: options.hash ?? this.hash,
      extraCertificates: options.extraCertificates,
      signingTime: options.signingTime,
    };
  }
}

/** RFC 8894 §3.3.1: PKCSReq, a PKCS#10 request signed with the client's (usually self-signed) certificate. */
export class PkcsReqMessage extends ScepRequestBase {
  readonly messageType = 'PKCSReq' as const;
  /** The PKCS#10 request DER. */
  async decryptEnvelope(unwrapper: RsaKeyUnwrapper, recipientCertificate?: Uint8Array): Promise<Uint8Array> {
    return checkCsr(await this.openEnvelope(unwrapper, recipientCertificate));
  }
}

/** RFC 8894 §3.3.1.2: RenewalReq, like PKCSReq but signed with the certificate being renewed. */
export class RenewalReqMessage extends ScepRequestBase {
  readonly messageType = 'RenewalReq' as const;
  async decryptEnvelope(unwrapper: RsaKeyUnwrapper, recipientCertificate?: Uint8Array): Promise<Uint8Array> {
    return checkCsr(await this.openEnvelope(unwrapper, recipientCertificate));
  }
}

/** RFC 8894 §3.3.3: CertPoll ("GetCertInitial"), the client asking again about a PENDING request. */
export class CertPollMessage extends ScepRequestBase {
  readonly messageType = 'CertPoll' as const;
  async decryptEnvelope(unwrapper: RsaKeyUnwrapper, recipientCertificate?: Uint8Array): Promise<IssuerAndSubjectValue> {
    return decodeIssuerAndSubject(await this.openEnvelope(unwrapper, recipientCertificate));
  }
}

/** RFC 8894 §3.3.4: GetCert, a certificate by issuer and serial number. */
export class GetCertMessage extends ScepRequestBase {
  readonly messageType = 'GetCert' as const;
  async decryptEnvelope(unwrapper: RsaKeyUnwrapper, recipientCertificate?: Uint8Array): Promise<IssuerAndSerialValue> {
    return decodeIssuerAndSerial(await this.openEnvelope(unwrapper, recipientCertificate));
  }
}

/** RFC 8894 §3.3.4: GetCRL, the CRL for the certificate named by issuer and serial number. */
export class GetCrlMessage extends ScepRequestBase {
  readonly messageType = 'GetCRL' as const;
  async decryptEnvelope(unwrapper: RsaKeyUnwrapper, recipientCertificate?: Uint8Array): Promise<IssuerAndSerialValue> {
    return decodeIssuerAndSerial(await this.openEnvelope(unwrapper, recipientCertificate));
  }
}

/**
 * RFC 8894 §3.3.2: CertRep. "pkiStatus ... MUST be included in all response messages", the
 * recipientNonce "MUST be copied from the senderNonce" of the request, failInfo is present
 * exactly when pkiStatus is FAILURE, and the pkcsPKIEnvelope is present only on SUCCESS.
 */
export class CertRepMessage extends ScepMessageBase {
  readonly messageType = 'CertRep' as const;

  constructor(
    der: Uint8Array,
    signed: SignedCms,
    transactionId: string,
    envelope: EnvelopedCms | undefined,
    signerCertificate: Uint8Array | undefined,
    readonly pkiStatus: ScepPkiStatus,
    readonly recipientNonce: Uint8Array,
    readonly senderNonce: Uint8Array | undefined,
    readonly failInfo: ScepFailInfo | undefined,
    readonly failInfoText: string | undefined,
  ) {
    super(der, signed, transactionId, envelope, signerCertificate);
  }

  /**
   * Client side: the reply answers our request only if it carries our transactionID and our
   * senderNonce as recipientNonce (RFC 8894 §3.2.1.5 — the nonce is the replay protection).
   */
  checkAnswers(request: { readonly transactionId: string; readonly senderNonce: Uint8Array }): void {
    if (this.transactionId !== request.transactionId) {
      throw new PkiVerificationError(STRUCTURE, 'CertRep transactionID is not the request\'s');
    }
    if (!bytesEqual(this.recipientNonce, request.senderNonce)) {
      throw new PkiVerificationError(STRUCTURE, 'CertRep recipientNonce does not echo the request\'s senderNonce');
    }
  }

  /** SUCCESS only: decrypts the envelope and returns the certificates (and CRLs) of its certs-only SignedData. */
  async decryptEnvelope(unwrapper: RsaKeyUnwrapper, recipientCertificate?: Uint8Array): Promise<{ certificates: Uint8Array[]; crls: Uint8Array[] }> {
    if (this.pkiStatus !== 'SUCCESS') throw new PkiFormatError(STRUCTURE, `a ${this.pkiStatus} CertRep has no envelope`);
    const inner = SignedCms.parse(await this.openEnvelope(unwrapper, recipientCertificate));
    return { certificates: [...inner.certificates], crls: [...inner.crls] };
  }
}

/** A parsed SCEP pkiMessage, discriminated on `messageType`. Keeps its DER. */
export type PkiMessage = PkcsReqMessage | RenewalReqMessage | CertPollMessage | GetCertMessage | GetCrlMessage | CertRepMessage;
export type ScepRequestMessage = Exclude<PkiMessage, CertRepMessage>;

export const PkiMessage = {
  /**
   * Parses a pkiMessage and checks the attributes its type must carry; throws PkiFormatError
   * on anything else. Verifying and decrypting are separate calls.
   */
  parse(der: Uint8Array): PkiMessage {
    try {
      return parseMessage(der);
    } catch (err) {
      if (err instanceof PkiFormatError) throw err;
      throw new PkiFormatError(STRUCTURE, 'malformed', { cause: err });
    }
  },
};

function parseMessage(der: Uint8Array): PkiMessage {
  const signed = SignedCms.parse(der);
  if (signed.signers.length !== 1) throw new PkiFormatError(STRUCTURE, `needs exactly one signer, has ${signed.signers.length}`);
  const si = signed.signers[0];
  const str = (name: ScepAttributeName) => {
    const v = attr(si, name);
    return v === undefined ? undefined : readString(v, name);
  };
  const must = (name: ScepAttributeName) => {
    const v = str(name);
    if (v === undefined) throw new PkiFormatError(STRUCTURE, `${name} attribute is missing`);
    return v;
  };
  const nonce = (name: 'senderNonce' | 'recipientNonce') => {
    const v = attr(si, name);
    if (v === undefined) return undefined;
    const n = readOctets(v, name);
    // RFC 8894 §3.2.1.5 says 16 bytes; be lenient on size but refuse empty nonces, which prove nothing.
    if (n.length === 0 || n.length > 64) throw new PkiFormatError(STRUCTURE, `${name} of ${n.length} bytes (expected ${NONCE_BYTES})`);
    return n;
  };

  const typeWire = must('messageType');
  const messageType = messageTypeByWire(typeWire);
  if (!messageType) throw new PkiFormatError(STRUCTURE, `unknown messageType "${typeWire}"`);
  const transactionId = must('transactionID');
  if (transactionId.length === 0) throw new PkiFormatError(STRUCTURE, 'empty transactionID');

  const envelope = signed.eContent && signed.eContent.length > 0 ? EnvelopedCms.parse(signed.eContent) : undefined;
  const signerCert = signerCertificateIn(signed);

  if (messageType === 'CertRep') {
    const statusWire = must('pkiStatus');
    const pkiStatus = pkiStatusByWire(statusWire);
    if (!pkiStatus) throw new PkiFormatError(STRUCTURE, `unknown pkiStatus "${statusWire}"`);
    const recipientNonce = nonce('recipientNonce');
    if (!recipientNonce) throw new PkiFormatError(STRUCTURE, 'recipientNonce attribute is missing');
    let failInfo: ScepFailInfo | undefined;
    if (pkiStatus === 'FAILURE') {
      const fiWire = must('failInfo');
      failInfo = failInfoByWire(fiWire);
      if (!failInfo) throw new PkiFormatError(STRUCTURE, `unknown failInfo "${fiWire}"`);
    }
    if (pkiStatus === 'SUCCESS' && !envelope) throw new PkiFormatError(STRUCTURE, 'SUCCESS CertRep without pkcsPKIEnvelope');
    return new CertRepMessage(der, signed, transactionId, envelope, signerCert, pkiStatus, recipientNonce, nonce('senderNonce'), failInfo, str('failInfoText'));
  }
  const senderNonce = nonce('senderNonce');
  if (!senderNonce) throw new PkiFormatError(STRUCTURE, 'senderNonce attribute is missing');
  if (!envelope) throw new PkiFormatError(STRUCTURE, `${messageType} without pkcsPKIEnvelope`);
  const Ctor = {
    PKCSReq: PkcsReqMessage,
    RenewalReq: RenewalReqMessage,
    CertPoll: CertPollMessage,
    GetCert: GetCertMessage,
    GetCRL: GetCrlMessage,
  }[messageType];
  return new Ctor(der, signed, transactionId, envelope, signerCert, senderNonce);
}

function attr(si: CmsSignerInfoView, name: ScepAttributeName): Uint8Array | undefined {
  const values = si.signedAttributes.get(SCEP_ATTRIBUTES[name]);
  if (values === undefined) return undefined;
  if (values.length !== 1) throw new PkiFormatError(STRUCTURE, `${name} attribute must hold exactly one value`);
  return values[0];
}

function signerCertificateIn(signed: SignedCms): Uint8Array | undefined {
  // Verification does the real matching; here only the certificate the SignerInfo names is picked.
  return signed.certificates.find((c) => {
    try {
      return identifiesSigner(signed.signers[0], c);
    } catch {
      return false;
    }
  });
}

function identifiesSigner(si: CmsSignerInfoView, cert: Uint8Array): boolean {
  return identifies(si.sid, certificateRef(cert));
}
