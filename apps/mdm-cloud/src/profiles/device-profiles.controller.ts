import { type DeviceProfileList, type Page, type StatusHistoryEntry, type StatusHistoryQuery, statusHistoryQuerySchema } from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { StatusService } from './status/status.service';

/** A device's side of profiles: what applies to it and why, and its status history. */
@Controller('device-profiles')
export class DeviceProfilesController {
  constructor(private readonly status: StatusService) {}

  @Get(':deviceId')
  effective(@Param('deviceId', ParseUUIDPipe) deviceId: string): Promise<DeviceProfileList> {
    return this.status.deviceProfiles(deviceId);
  }

  @Get(':deviceId/history')
  history(@Param('deviceId', ParseUUIDPipe) deviceId: string, @Query(new ZodPipe(statusHistoryQuerySchema)) query: StatusHistoryQuery): Promise<Page<StatusHistoryEntry>> {
    return this.status.statusHistory(deviceId, query);
  }
}
