import { type PkcsPreviewRequest, pkcsPreviewSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** POST /api/pkcs/preview: the subject and SANs step 2 would render for one device. */
export function previewPkcsSubject(body: PkcsPreviewRequest, signal?: AbortSignal) {
  return apiClient.post('/api/pkcs/preview', body, pkcsPreviewSchema, signal);
}

/** Re-renders when the format changes; the key carries the whole request. */
export function usePkcsSubjectPreview(body: PkcsPreviewRequest) {
  return useQuery(`pkcs/preview/${JSON.stringify(body)}`, (signal) => previewPkcsSubject(body, signal));
}
