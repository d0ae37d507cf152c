import { type ImportRequest, importResultSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/directory/import: a dry run for the preview, then the real import. */
export function importDirectory(body: ImportRequest) {
  return apiClient.post('/api/directory/import', body, importResultSchema);
}

export function useImportDirectory() {
  return useMutation(importDirectory);
}
