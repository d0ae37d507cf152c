/**
 * RFC 6960 §4.2.1 OCSPResponseStatus. `successful` is the only status with responseBytes; the
 * others are bare error answers (§2.3: they are not signed).
 */
export const OCSP_RESPONSE_STATUSES = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;
export type OcspResponseStatus = keyof typeof OCSP_RESPONSE_STATUSES;

const BY_CODE = new Map<number, OcspResponseStatus>(
  (Object.entries(OCSP_RESPONSE_STATUSES) as [OcspResponseStatus, number][]).map(([name, code]) => [code, name]),
);

export function ocspResponseStatusOf(code: number): OcspResponseStatus | undefined {
  return BY_CODE.get(code);
}

/** The hash algorithms a CertID may use; openssl and Windows send SHA-1 (RFC 6960 §4.1.1 allows any). */
export const CERT_ID_HASHES = {
  'SHA-1': '1.3.14.3.2.26',
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
} as const;
export type CertIdHash = keyof typeof CERT_ID_HASHES;

export function certIdHashOf(oid: string): CertIdHash | undefined {
  return (Object.keys(CERT_ID_HASHES) as CertIdHash[]).find((h) => CERT_ID_HASHES[h] === oid);
}

export const MIME_OCSP_REQUEST = 'application/ocsp-request';
export const MIME_OCSP_RESPONSE = 'application/ocsp-response';
