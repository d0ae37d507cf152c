import { type DeviceEnrollRequest, type DeviceEnrollResponse, deviceEnrollRequestSchema } from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { DeviceChannelRoute } from '../device-channel/device-port';
import { EnrollmentService } from './enrollment.service';

/** `POST /api/device/enroll` on the device port: the token authenticates, there is no certificate yet. */
@Controller('device')
export class DeviceEnrollController {
  constructor(private readonly enrollment: EnrollmentService) {}

  @Post('enroll')
  @HttpCode(201)
  @DeviceChannelRoute()
  enroll(@Body(new ZodPipe(deviceEnrollRequestSchema)) body: DeviceEnrollRequest): Promise<DeviceEnrollResponse> {
    return this.enrollment.enroll(body);
  }
}
