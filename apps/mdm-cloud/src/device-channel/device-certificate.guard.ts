import { type CanActivate, type ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { DeviceEntity } from '../devices/device.entity';
import { DevicesService } from '../devices/devices.service';
import { CloudErrors } from '../errors';
import { verifiedPeerThumbprint } from './device-port';

type DeviceRequest = IncomingMessage & { device?: DeviceEntity };

/**
 * Maps the verified client certificate to an enrolled device. No certificate, one from another
 * CA, one the cloud never issued, or one of a retired or wiped device: all 401, so a device that
 * lost management cannot even learn that it once existed.
 */
@Injectable()
export class DeviceCertificateGuard implements CanActivate {
  constructor(private readonly devices: DevicesService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<DeviceRequest>();
    const thumbprint = verifiedPeerThumbprint(req);
    if (!thumbprint) throw CloudErrors.deviceCertificateRequired('Present the Device Management certificate issued at enrollment.');
    const device = await this.devices.findEnrolledByCertificate(thumbprint);
    if (!device) throw CloudErrors.deviceCertificateRequired('This certificate belongs to no enrolled device.');
    req.device = device;
    return true;
  }
}

export const CurrentDevice = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const device = ctx.switchToHttp().getRequest<DeviceRequest>().device;
  if (!device) throw CloudErrors.deviceCertificateRequired();
  return device;
});
