import { deviceSchema, pageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

const devicesPage = pageSchema(deviceSchema);

/** GET /api/devices?state=enrolled: devices to render the subject preview for. */
export function listPreviewDevices(signal?: AbortSignal) {
  return apiClient.get('/api/devices?state=enrolled&pageSize=50&sort=name', devicesPage, signal);
}

export function usePreviewDevices() {
  return useQuery('profiles/preview-devices', listPreviewDevices);
}
