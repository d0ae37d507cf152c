import { pageSchema, profileDeviceStatusSchema, profileUserStatusSchema, profileVersionSchema } from '@certlab/contracts';
import { z } from 'zod';
import { apiClient } from '../../../lib/api-client';
import { useQuery } from '../../../lib/use-query';

/** GET /api/profiles/:id/device-status?… */
export function getDeviceStatus(id: string, query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/profiles/${encodeURIComponent(id)}/device-status?${query}`, pageSchema(profileDeviceStatusSchema), signal);
}

/** GET /api/profiles/:id/user-status?… */
export function getUserStatus(id: string, query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/profiles/${encodeURIComponent(id)}/user-status?${query}`, pageSchema(profileUserStatusSchema), signal);
}

/** GET /api/profiles/:id/versions */
export function getVersions(id: string, signal?: AbortSignal) {
  return apiClient.get(`/api/profiles/${encodeURIComponent(id)}/versions`, z.array(profileVersionSchema), signal);
}

export function useDeviceStatus(id: string, query: string) {
  return useQuery(`profiles/${id}/device-status?${query}`, (signal) => getDeviceStatus(id, query, signal), { refetchIntervalMs: 5_000 });
}

export function useUserStatus(id: string, query: string) {
  return useQuery(`profiles/${id}/user-status?${query}`, (signal) => getUserStatus(id, query, signal), { refetchIntervalMs: 5_000 });
}

export function useVersions(id: string) {
  return useQuery(`profiles/${id}/versions`, (signal) => getVersions(id, signal));
}
