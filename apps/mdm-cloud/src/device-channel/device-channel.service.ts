import type { CheckInResponse, ProfileStatusReport, StatusReportResponse } from '@certlab/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CLOUD_CONFIG, type CloudConfig } from '../config';
import type { DeviceEntity } from '../devices/device.entity';
import { DevicesService } from '../devices/devices.service';
import { DESIRED_STATE, type DesiredStatePort } from './desired-state.port';

/**
 * Check-in and status reports. What a device should have is the profiles feature's business,
 * reached through the DESIRED_STATE port; it is looked up from the whole application (not this
 * module's imports) so the two features never import each other.
 */
@Injectable()
export class DeviceChannelService {
  private readonly log = new Logger('DeviceChannel');
  private port?: DesiredStatePort;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly devices: DevicesService,
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
  ) {}

  async checkIn(device: DeviceEntity): Promise<CheckInResponse> {
    await this.devices.touchCheckIn(device.id);
    const profiles = await this.desiredState().forDevice(device.id);
    this.log.log({ flow: 'checkin', deviceId: device.id, profiles: profiles.length, msg: 'device checked in' });
    return { deviceId: device.id, profiles, checkInIntervalSeconds: this.config.DEVICE_CHECKIN_INTERVAL_SECONDS };
  }

  async recordStatus(device: DeviceEntity, reports: ProfileStatusReport[]): Promise<StatusReportResponse> {
    await this.desiredState().recordStatus(device.id, reports);
    this.log.log({ flow: 'status', deviceId: device.id, reports: reports.map((r) => `${r.profileId}@${r.version}:${r.status}`), msg: 'status reported' });
    return { accepted: reports.length };
  }

  private desiredState(): DesiredStatePort {
    this.port ??= this.moduleRef.get<DesiredStatePort>(DESIRED_STATE, { strict: false });
    return this.port;
  }
}
