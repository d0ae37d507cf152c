import { deviceSchema, pageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

const devicesPage = pageSchema(deviceSchema);

/** GET /api/devices?search=…: to pick a device as a group member. */
export function searchDevices(search: string, signal?: AbortSignal) {
  return apiClient.get(`/api/devices?pageSize=20&search=${encodeURIComponent(search)}`, devicesPage, signal);
}

export function useDeviceSearch(search: string) {
  return useQuery(`directory/device-search?${search}`, (signal) => searchDevices(search, signal));
}
