import {
  type ConnectorHeartbeatRequest,
  type ConnectorHeartbeatResponse,
  type ConnectorRegisterRequest,
  type ConnectorRegisterResponse,
  type JobLeaseResponse,
  connectorHeartbeatRequestSchema,
  connectorRegisterRequestSchema,
  jobLeaseRequestSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { z } from 'zod';
import { DeviceChannelRoute } from '../device-channel/device-port';
import { ConnectorCertificateGuard, CurrentConnector } from './connector-certificate.guard';
import type { ConnectorEntity } from './connector.entity';
import { ConnectorJobsService } from './connector-jobs.service';
import { ConnectorsService } from './connectors.service';

/** What a connector calls, outbound, on the device port. */
@Controller('connector')
export class ConnectorChannelController {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly jobs: ConnectorJobsService,
  ) {}

  @Post('register')
  @HttpCode(201)
  @DeviceChannelRoute()
  register(@Body(new ZodPipe(connectorRegisterRequestSchema)) body: ConnectorRegisterRequest): Promise<ConnectorRegisterResponse> {
    return this.connectors.register(body);
  }

  @Post('heartbeat')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  heartbeat(
    @CurrentConnector() connector: ConnectorEntity,
    @Body(new ZodPipe(connectorHeartbeatRequestSchema)) body: ConnectorHeartbeatRequest,
  ): Promise<ConnectorHeartbeatResponse> {
    return this.connectors.heartbeat(connector, body);
  }

  @Post('jobs/lease')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  lease(
    @CurrentConnector() connector: ConnectorEntity,
    @Body(new ZodPipe(jobLeaseRequestSchema)) body: z.output<typeof jobLeaseRequestSchema>,
  ): Promise<JobLeaseResponse> {
    return this.jobs.lease(connector, body);
  }
}
