export { CERT_ID_HASHES, MIME_OCSP_REQUEST, MIME_OCSP_RESPONSE, OCSP_RESPONSE_STATUSES, type CertIdHash, type OcspResponseStatus } from './wire';
export { type OcspCertId, certIdFor, certIdMatchesIssuer } from './cert-id';
export { OcspRequest, createOcspRequest, type OcspRequestInput } from './request';
export {
  OcspResponse,
  createOcspErrorResponse,
  createOcspResponse,
  type OcspCertStatus,
  type OcspResponseInput,
  type OcspSingleResponse,
} from './response';
