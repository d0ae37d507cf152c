import '../crypto-provider';
import { defaultCrypto } from '../crypto-provider';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { encryptCms, signCms, type CmsAttribute, type CmsKeyWrap, type CmsWritableContentCipher } from '../cms';
import type { HashName } from '../cms/algorithms';
import { encodeDer, parseDer } from '../cms/asn1';
import { toArrayBuffer, toHex } from '../encoding/bytes';
import { octetAttribute, printableAttribute } from './attributes';
import type { ScepSigner } from './cert-rep';
import {
  encodeIssuerAndSerial,
  encodeIssuerAndSubject,
  type IssuerAndSerialValue,
  type IssuerAndSubjectValue,
} from './inner-content';
import { MESSAGE_TYPES, NONCE_BYTES, type ScepMessageType } from './wire';

export interface ScepRequestOptions {
  /** The client's signing certificate: self-signed for PKCSReq, the current one for RenewalReq. */
  readonly signerCert: Uint8Array;
  readonly signerKey: CryptoKey | ScepSigner['key'];
  /** The RA's (or CA's) encryption certificate from GetCACert. */
  readonly recipientCert: Uint8Array;
  /** Defaults to aes-256-cbc; use des-ede3-cbc only for a server whose GetCACaps lacks AES. */
  readonly cipher?: CmsWritableContentCipher;
  /** Defaults to SHA-256. */
  readonly hash?: HashName;
  /** Defaults to rsa-pkcs1, which every SCEP server reads. */
  readonly keyWrap?: CmsKeyWrap;
  readonly transactionId?: string;
  readonly senderNonce?: Uint8Array;
}

/** What the client keeps to check the CertRep later. */
export interface ScepRequestModel {
  readonly messageType: ScepMessageType;
  readonly transactionId: string;
  readonly senderNonce: Uint8Array;
}

export interface ScepRequestBuilt {
  readonly der: Uint8Array;
  readonly model: ScepRequestModel;
}

/**
 * RFC 8894 §3.2.1.1: the transactionID MUST be a unique PrintableString used for every message
 * of one operation, and the RFC suggests deriving it from a hash of the public key. Here: the
 * uppercase hex of SHA-256 over the request's SubjectPublicKeyInfo DER (64 characters), so a
 * PKCSReq and its CertPolls agree without the client storing anything.
 */
export async function transactionIdForCsr(csrDer: Uint8Array, crypto: Crypto = defaultCrypto): Promise<string> {
  const csr = parseDer(csrDer, CertificationRequest, 'PKCS#10');
  const spki = encodeDer(csr.certificationRequestInfo.subjectPKInfo);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(spki)))).toUpperCase();
}

/** RFC 8894 §3.3.1: PKCSReq carrying `csrDer`, signed with the client's self-signed certificate. */
export async function buildPkcsReq(options: ScepRequestOptions & { readonly csrDer: Uint8Array }, crypto: Crypto = defaultCrypto): Promise<ScepRequestBuilt> {
  const transactionId = options.transactionId ?? (await transactionIdForCsr(options.csrDer, crypto));
  return buildRequest('PKCSReq', options.csrDer, { ...options, transactionId }, crypto);
}

/** RFC 8894 §3.3.1.2: RenewalReq, signed with the certificate being renewed. */
export async function buildRenewalReq(options: ScepRequestOptions & { readonly csrDer: Uint8Array }, crypto: Crypto = defaultCrypto): Promise<ScepRequestBuilt> {
  const transactionId = options.transactionId ?? (await transactionIdForCsr(options.csrDer, crypto));
  return buildRequest('RenewalReq', options.csrDer, { ...options, transactionId }, crypto);
}

/**
 * RFC 8894 §3.3.3: CertPoll after PENDING. "the transactionID MUST be the same as in the
 * original PKCSReq", so it is required here.
 */
export async function buildCertPoll(
  options: ScepRequestOptions & { readonly transactionId: string; readonly issuerAndSubject: IssuerAndSubjectValue },
  crypto: Crypto = defaultCrypto,
): Promise<ScepRequestBuilt> {
  return buildRequest('CertPoll', encodeIssuerAndSubject(options.issuerAndSubject), options, crypto);
}

/** RFC 8894 §3.3.4: GetCert by issuer and serial number. */
export async function buildGetCert(options: ScepRequestOptions & { readonly issuerAndSerial: IssuerAndSerialValue }, crypto: Crypto = defaultCrypto): Promise<ScepRequestBuilt> {
  return buildRequest('GetCert', encodeIssuerAndSerial(options.issuerAndSerial), options, crypto);
}

/** RFC 8894 §3.3.4: GetCRL for the certificate named by issuer and serial number. */
export async function buildGetCrl(options: ScepRequestOptions & { readonly issuerAndSerial: IssuerAndSerialValue }, crypto: Crypto = defaultCrypto): Promise<ScepRequestBuilt> {
  return buildRequest('GetCRL', encodeIssuerAndSerial(options.issuerAndSerial), options, crypto);
}

async function buildRequest(messageType: ScepMessageType, inner: Uint8Array, options: ScepRequestOptions, crypto: Crypto): Promise<ScepRequestBuilt> {
  const transactionId = options.transactionId ?? toHex(crypto.getRandomValues(new Uint8Array(16))).toUpperCase();
  const senderNonce = options.senderNonce ?? crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const envelope = await encryptCms(
    { content: inner, cipher: options.cipher ?? 'aes-256-cbc', recipients: [{ certificate: options.recipientCert, keyWrap: options.keyWrap }] },
    crypto,
  );
  // RFC 8894 §3.2.1: transactionID, messageType and senderNonce are authenticated attributes of every request.
  const attributes: CmsAttribute[] = [
    printableAttribute('transactionID', transactionId),
    printableAttribute('messageType', MESSAGE_TYPES[messageType]),
    octetAttribute('senderNonce', senderNonce),
  ];
  const der = await signCms(
    { content: envelope, signers: [{ certificate: options.signerCert, key: options.signerKey, hash: options.hash ?? 'SHA-256', attributes }] },
    crypto,
  );
  return { der, model: { messageType, transactionId, senderNonce } };
}
