import type { ResponseData, SingleResponse } from '@peculiar/asn1-ocsp';
import { revocationReasonOf } from '../crl/reasons';
import { PkiFormatError } from '../errors';
import { decodeCertId, readNonce } from './request';
import type { OcspSingleResponse } from './response';

export function decodeSingle(r: SingleResponse, structure: string): OcspSingleResponse {
  const certId = decodeCertId(r.certID, structure);
  const common = { certId, thisUpdate: r.thisUpdate, ...(r.nextUpdate ? { nextUpdate: r.nextUpdate } : {}) };
  if (r.certStatus.revoked) {
    const reason = r.certStatus.revoked.revocationReason ? revocationReasonOf(r.certStatus.revoked.revocationReason.reason as number) : undefined;
    return { ...common, status: 'revoked', revokedAt: r.certStatus.revoked.revocationTime, ...(reason ? { reason } : {}) };
  }
  if (r.certStatus.good !== undefined) return { ...common, status: 'good' };
  if (r.certStatus.unknown !== undefined) return { ...common, status: 'unknown' };
  throw new PkiFormatError(structure, 'certStatus is none of good, revoked, unknown');
}

export function decodeNonceFrom(data: ResponseData, structure: string): Uint8Array | undefined {
  return readNonce(data.responseExtensions, structure);
}
