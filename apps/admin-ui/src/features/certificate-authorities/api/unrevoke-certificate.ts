import { caCertificateSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';
import { CA_BASE } from './get-authorities';

/** POST …/certificates/:serial/unrevoke: release a certificate from hold. */
export function unrevokeCertificate(v: { serialNumber: string }) {
  return apiClient.post(`${CA_BASE}/certificates/${v.serialNumber}/unrevoke`, undefined, caCertificateSchema);
}

export function useUnrevokeCertificate() {
  return useMutation(unrevokeCertificate);
}
