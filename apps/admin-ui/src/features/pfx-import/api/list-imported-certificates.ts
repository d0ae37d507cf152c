import { importedPfxPageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/pfx-import/users/:userId/certificates: a user's imported PKCS#12 certificates, newest first. */
export function listImportedCertificates(userId: string, query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/pfx-import/users/${encodeURIComponent(userId)}/certificates?${query}`, importedPfxPageSchema, signal);
}

/** Refreshes while the admin watches: delivery counts change as devices import. */
export function useImportedCertificates(userId: string, query: string) {
  return useQuery(`pfx-import/${userId}?${query}`, (signal) => listImportedCertificates(userId, query, signal), { refetchIntervalMs: 5_000 });
}
