import { caCertificatePageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';
import { CA_BASE } from './get-authorities';
import { PAGE_SIZE } from './list-requests';

export interface CertificateFilter {
  status?: 'issued' | 'revoked';
  search?: string;
  page: number;
}

export function listCertificates(f: CertificateFilter, signal?: AbortSignal) {
  const q = new URLSearchParams({ page: String(f.page), pageSize: String(PAGE_SIZE) });
  if (f.status) q.set('status', f.status);
  if (f.search) q.set('search', f.search);
  return apiClient.get(`${CA_BASE}/certificates?${q}`, caCertificatePageSchema, signal);
}

export function useCertificates(f: CertificateFilter, version: number) {
  return useQuery(`ca/certificates/${JSON.stringify(f)}/${version}`, (signal) => listCertificates(f, signal));
}
