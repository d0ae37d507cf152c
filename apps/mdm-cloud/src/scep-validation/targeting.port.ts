/**
 * Whether a SCEP profile is still assigned to a device, asked at validation time
 * (ScepProfileNoLongerTargetedToTheClient). The profiles feature binds this token to its
 * effective-set service; until it does, the validation cannot tell and says so in the log.
 */
export const SCEP_TARGETING = Symbol('SCEP_TARGETING');

export interface ScepTargetingPort {
  isTargeted(deviceId: string, profileId: string): Promise<boolean>;
}
