import { auditEventSchema, pageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/audit?…: newest first by default. */
export function listAudit(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/audit?${query}`, pageSchema(auditEventSchema), signal);
}

export function useAudit(query: string) {
  return useQuery(`audit?${query}`, (signal) => listAudit(query, signal));
}
