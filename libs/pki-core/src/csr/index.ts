export {
  CHALLENGE_PASSWORD_OID,
  CertificateRequest,
  EXTENSION_REQUEST_OID,
  MS_EXTENSION_REQUEST_OID,
  type CsrAttribute,
} from './certificate-request';
export { createCertificateRequest, type CertificateRequestProfile } from './certificate-request-builder';
