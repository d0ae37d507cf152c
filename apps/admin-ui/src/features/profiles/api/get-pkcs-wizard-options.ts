import { pkcsWizardOptionsSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/pkcs/wizard-options: the CA host the cloud relays to and the template variables. */
export function getPkcsWizardOptions(signal?: AbortSignal) {
  return apiClient.get('/api/pkcs/wizard-options', pkcsWizardOptionsSchema, signal);
}

export function usePkcsWizardOptions() {
  return useQuery('pkcs/wizard-options', getPkcsWizardOptions);
}
