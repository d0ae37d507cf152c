import { caTemplateListSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';
import { CA_BASE } from './get-authorities';

/** GET /api/certificate-authorities/templates. */
export function getTemplates(signal?: AbortSignal) {
  return apiClient.get(`${CA_BASE}/templates`, caTemplateListSchema, signal);
}

export function useTemplates() {
  return useQuery('ca/templates', getTemplates);
}
