import type { DesiredProfile, ProfileStatusReport } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import type { DesiredStatePort } from '../device-channel/desired-state.port';
import { StatusService } from './status/status.service';

/** The profiles feature's side of the device channel's port. */
@Injectable()
export class DesiredStateProvider implements DesiredStatePort {
  constructor(private readonly status: StatusService) {}

  forDevice(deviceId: string): Promise<DesiredProfile[]> {
    return this.status.desired(deviceId);
  }

  recordStatus(deviceId: string, reports: ProfileStatusReport[]): Promise<void> {
    return this.status.record(deviceId, reports);
  }
}
