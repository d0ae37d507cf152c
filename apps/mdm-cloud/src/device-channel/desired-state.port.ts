import type { DesiredProfile, ProfileStatusReport } from '@certlab/contracts';

/**
 * The seam between the device channel (which speaks to devices) and the profiles feature (which
 * decides what each device should have). The device channel depends only on this port; the
 * profiles module provides it under DESIRED_STATE.
 */
export const DESIRED_STATE = Symbol('DESIRED_STATE');

export interface DesiredStatePort {
  /** The profiles in effect for this device now, each at its current version. */
  forDevice(deviceId: string): Promise<DesiredProfile[]>;
  /** Records what the device reported, keeping history; unknown profile ids are refused. */
  recordStatus(deviceId: string, reports: ProfileStatusReport[]): Promise<void>;
}
