import {
  type CheckInResponse,
  type StatusReportRequest,
  type StatusReportResponse,
  statusReportRequestSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { DeviceEntity } from '../devices/device.entity';
import { CurrentDevice, DeviceCertificateGuard } from './device-certificate.guard';
import { DeviceChannelService } from './device-channel.service';
import { DeviceChannelRoute } from './device-port';
import { NudgeHub } from './nudge-hub';

/** What an enrolled device calls on the device port, authenticated by its management certificate. */
@Controller('device')
export class DeviceChannelController {
  constructor(
    private readonly channel: DeviceChannelService,
    private readonly nudges: NudgeHub,
  ) {}

  @Post('checkin')
  @HttpCode(200)
  @DeviceChannelRoute(DeviceCertificateGuard)
  checkIn(@CurrentDevice() device: DeviceEntity): Promise<CheckInResponse> {
    return this.channel.checkIn(device);
  }

  @Post('status')
  @HttpCode(200)
  @DeviceChannelRoute(DeviceCertificateGuard)
  status(
    @CurrentDevice() device: DeviceEntity,
    @Body(new ZodPipe(statusReportRequestSchema)) body: StatusReportRequest,
  ): Promise<StatusReportResponse> {
    return this.channel.recordStatus(device, body.reports);
  }

  @Get('nudges')
  @DeviceChannelRoute(DeviceCertificateGuard)
  stream(@CurrentDevice() device: DeviceEntity, @Res() res: Response): void {
    this.nudges.open(device.id, res);
  }
}
