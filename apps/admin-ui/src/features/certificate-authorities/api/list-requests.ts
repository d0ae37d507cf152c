import { type CaRequestStatus, caRequestPageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';
import { CA_BASE } from './get-authorities';

export interface RequestFilter {
  status?: CaRequestStatus;
  search?: string;
  page: number;
}

export const PAGE_SIZE = 10;

export function listRequests(f: RequestFilter, signal?: AbortSignal) {
  const q = new URLSearchParams({ page: String(f.page), pageSize: String(PAGE_SIZE) });
  if (f.status) q.set('status', f.status);
  if (f.search) q.set('search', f.search);
  return apiClient.get(`${CA_BASE}/requests?${q}`, caRequestPageSchema, signal);
}

export function useRequests(f: RequestFilter, version: number) {
  return useQuery(`ca/requests/${JSON.stringify(f)}/${version}`, (signal) => listRequests(f, signal));
}
