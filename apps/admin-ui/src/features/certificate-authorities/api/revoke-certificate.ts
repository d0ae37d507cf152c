import { type CaRevocationReason, caCertificateSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';
import { CA_BASE } from './get-authorities';

/** POST …/certificates/:serial/revoke with a reason; the CA republishes its CRL at once. */
export function revokeCertificate(v: { serialNumber: string; reason: CaRevocationReason }) {
  return apiClient.post(`${CA_BASE}/certificates/${v.serialNumber}/revoke`, { reason: v.reason }, caCertificateSchema);
}

export function useRevokeCertificate() {
  return useMutation(revokeCertificate);
}
