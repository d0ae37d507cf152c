export { Certificate } from './certificate';
export { createSelfSignedCertificate, issueCertificate, type CertificateIssuer, type CertificateProfile } from './certificate-builder';
export { verifyChain, type ChainFailure, type ChainInput, type ChainResult } from './chain';
export {
  EXTENDED_KEY_USAGES,
  KEY_USAGES,
  ekuOid,
  type BasicConstraintsView,
  type ExtendedKeyUsageName,
  type ExtensionsProfile,
  type ExtensionsView,
  type KeyUsageName,
  type RawExtension,
} from './extensions';
export { UPN_OID, type SubjectAltName, type WritableSubjectAltName } from './general-names';
export { normalizeSerial } from './der';
export { randomSerialNumber, signingAlgorithmFor } from './signing';
