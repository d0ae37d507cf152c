import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { MdmCaModule } from '../mdm-ca/mdm-ca.module';
import { DeviceCertificateGuard } from './device-certificate.guard';
import { DeviceChannelController } from './device-channel.controller';
import { DeviceChannelServer } from './device-channel.server';
import { DeviceChannelService } from './device-channel.service';
import { NudgeHub } from './nudge-hub';

/** The device port listener, device check-in and status, and the nudge stream. */
@Module({
  imports: [DevicesModule, MdmCaModule],
  controllers: [DeviceChannelController],
  providers: [DeviceChannelServer, DeviceChannelService, DeviceCertificateGuard, NudgeHub],
  exports: [DeviceChannelServer, NudgeHub],
})
export class DeviceChannelModule {}
