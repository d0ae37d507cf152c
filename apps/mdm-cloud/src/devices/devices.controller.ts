import { type Device, type DeviceListQuery, deviceListQuerySchema, type Page } from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import type { ConsoleAccount } from '../accounts/console-account.entity';
import { CurrentAccount } from '../accounts/session.guard';
import { DevicesService } from './devices.service';

/** Admin API: `GET /api/devices`, `GET /api/devices/:id`, `POST /api/devices/:id/retire|wipe`. */
@Controller('devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Get()
  list(@Query(new ZodPipe(deviceListQuerySchema)) query: DeviceListQuery): Promise<Page<Device>> {
    return this.devices.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Device> {
    return this.devices.get(id);
  }

  @Post(':id/retire')
  @HttpCode(200)
  retire(@Param('id', ParseUUIDPipe) id: string, @CurrentAccount() account: ConsoleAccount): Promise<Device> {
    return this.devices.changeState(id, 'retired', account.username);
  }

  @Post(':id/wipe')
  @HttpCode(200)
  wipe(@Param('id', ParseUUIDPipe) id: string, @CurrentAccount() account: ConsoleAccount): Promise<Device> {
    return this.devices.changeState(id, 'wiped', account.username);
  }
}
