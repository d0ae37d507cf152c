import { caAuthorityListSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

export const CA_BASE = '/api/certificate-authorities';

/** GET /api/certificate-authorities/cas: the root and issuing CAs with their CRLs. */
export function getAuthorities(signal?: AbortSignal) {
  return apiClient.get(`${CA_BASE}/cas`, caAuthorityListSchema, signal);
}

export function useAuthorities(version: number) {
  return useQuery(`ca/cas/${version}`, getAuthorities);
}

/** Download links go through the cloud, which fetches the CA's AIA and CDP. */
export const certificateDownloadUrl = (ca: string) => `${CA_BASE}/cas/${encodeURIComponent(ca)}/certificate`;
export const crlDownloadUrl = (ca: string) => `${CA_BASE}/cas/${encodeURIComponent(ca)}/crl`;
