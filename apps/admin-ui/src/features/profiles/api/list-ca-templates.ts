import { caTemplateListSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/certificate-authorities/templates (the cloud's CA relay): the templates a PKCS profile may name. */
export function listCaTemplates(signal?: AbortSignal) {
  return apiClient.get('/api/certificate-authorities/templates', caTemplateListSchema, signal);
}

export function useCaTemplates() {
  return useQuery('profiles/ca-templates', listCaTemplates);
}
