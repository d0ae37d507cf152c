import {
  type PkcsCheckpointRequest,
  type PkcsCompletionResponse,
  type PkcsDeviceBundle,
  type PkcsDeviceResult,
  type PkcsFailRequest,
  type PkcsUploadRequest,
  pkcsCheckpointRequestSchema,
  pkcsDeviceResultSchema,
  pkcsFailRequestSchema,
  pkcsUploadRequestSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { ConnectorCertificateGuard, CurrentConnector } from '../connectors/connector-certificate.guard';
import type { ConnectorEntity } from '../connectors/connector.entity';
import { CurrentDevice, DeviceCertificateGuard } from '../device-channel/device-certificate.guard';
import { DeviceChannelRoute } from '../device-channel/device-port';
import type { DeviceEntity } from '../devices/device.entity';
import { PkcsDeliveryService } from './pkcs-delivery.service';
import { PkcsErrors } from './pkcs-errors';
import { PkcsQueueService } from './pkcs-queue.service';

/** What connectors call (steps 3–8) on the device port, over mTLS with their connector certificate. */
@Controller('connector/pkcs')
export class PkcsConnectorController {
  constructor(private readonly queue: PkcsQueueService) {}

  @Post(':id/checkpoint')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  async checkpoint(
    @CurrentConnector() connector: ConnectorEntity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(pkcsCheckpointRequestSchema)) body: PkcsCheckpointRequest,
  ): Promise<PkcsCompletionResponse> {
    return { requestId: id, state: await this.queue.checkpoint(connector, id, body) };
  }

  @Post(':id/upload')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  async upload(
    @CurrentConnector() connector: ConnectorEntity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(pkcsUploadRequestSchema)) body: PkcsUploadRequest,
  ): Promise<PkcsCompletionResponse> {
    return { requestId: id, state: await this.queue.upload(connector, id, body) };
  }

  @Post(':id/fail')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  async fail(
    @CurrentConnector() connector: ConnectorEntity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(pkcsFailRequestSchema)) body: PkcsFailRequest,
  ): Promise<PkcsCompletionResponse> {
    return { requestId: id, state: await this.queue.fail(connector, id, body) };
  }
}

/** What devices call (steps 9–10) on the device port, over mTLS with their Device Management certificate. */
@Controller('device/pkcs')
export class PkcsDeviceController {
  constructor(private readonly delivery: PkcsDeliveryService) {}

  @Post(':id/bundle')
  @HttpCode(200)
  @DeviceChannelRoute(DeviceCertificateGuard)
  bundle(@CurrentDevice() device: DeviceEntity, @Param('id', ParseUUIDPipe) id: string, @Req() req: IncomingMessage): Promise<PkcsDeviceBundle> {
    const socket = req.socket;
    const raw = socket instanceof TLSSocket ? socket.getPeerCertificate().raw : undefined;
    if (!raw) throw PkcsErrors.notReady('no client certificate to encrypt to');
    return this.delivery.bundle(device, id, new Uint8Array(raw));
  }

  @Post(':id/result')
  @HttpCode(200)
  @DeviceChannelRoute(DeviceCertificateGuard)
  async result(@CurrentDevice() device: DeviceEntity, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(pkcsDeviceResultSchema)) body: PkcsDeviceResult): Promise<PkcsCompletionResponse> {
    return { requestId: id, state: await this.delivery.result(device, id, body) };
  }
}
