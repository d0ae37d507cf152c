import { certificateSummarySchema, type TrustedRootInput } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/profiles/trusted-root/inspect: the cloud reads the certificate and says what it is, or why not. */
export function inspectCertificate(settings: TrustedRootInput) {
  return apiClient.post('/api/profiles/trusted-root/inspect', { settings }, certificateSummarySchema);
}

export function useInspectCertificate() {
  return useMutation(inspectCertificate);
}
