import { scepIssuancePageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/scep/issuances?profileId=…: which certificate each device has from a SCEP profile. */
export function getScepIssuances(profileId: string, signal?: AbortSignal) {
  return apiClient.get(`/api/scep/issuances?profileId=${encodeURIComponent(profileId)}&pageSize=200`, scepIssuancePageSchema, signal);
}

export function useScepIssuances(profileId: string, enabled: boolean) {
  return useQuery(`scep/issuances?profileId=${profileId}`, (signal) => (enabled ? getScepIssuances(profileId, signal) : Promise.resolve({ items: [], total: 0, page: 1, pageSize: 200 })), { refetchIntervalMs: 5_000 });
}
