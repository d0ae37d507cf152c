export * from './wire';
export { PkiMessage, PkcsReqMessage, RenewalReqMessage, CertPollMessage, GetCertMessage, GetCrlMessage, CertRepMessage, type ScepRequestMessage, type ReplyOptions } from './pki-message';
export { type ScepSigner, type CertRepModel, type CertRepReply } from './cert-rep';
export {
  buildPkcsReq,
  buildRenewalReq,
  buildCertPoll,
  buildGetCert,
  buildGetCrl,
  transactionIdForCsr,
  type ScepRequestOptions,
  type ScepRequestModel,
  type ScepRequestBuilt,
} from './requests';
export { type IssuerAndSubjectValue, type IssuerAndSerialValue } from './inner-content';
export { SCEP_CAPABILITIES, type ScepCapability, type ScepCaps, parseCaCaps, serializeCaCaps, hasCap, preferredCipher, preferredHash } from './caps';
export { CA_CERT_CONTENT_TYPES, type GetCaCertResponse, buildGetCaCertResponse, parseGetCaCertResponse, selectRecipientCertificate } from './ca-certs';
export { readCertRep, type CertRepOutcome } from './client';
