import { deviceSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';

/** POST /api/devices/:id/retire or /wipe: the device channel refuses it from then on. */
export function changeDeviceState({ id, action }: { id: string; action: 'retire' | 'wipe' }) {
  return apiClient.post(`/api/devices/${encodeURIComponent(id)}/${action}`, undefined, deviceSchema);
}

export function useChangeDeviceState() {
  return useMutation(changeDeviceState);
}
