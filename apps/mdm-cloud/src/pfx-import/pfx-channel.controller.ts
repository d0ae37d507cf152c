import {
  type PfxConnectorCertificate,
  type PfxConnectorPublishRequest,
  type PfxDeviceBundle,
  type PfxDeviceRequestResponse,
  type PfxDeviceResult,
  type PfxJobCompleteRequest,
  type PfxJobCompletionResponse,
  type PfxJobFailRequest,
  pfxConnectorPublishRequestSchema,
  pfxDeviceResultSchema,
  pfxJobCompleteRequestSchema,
  pfxJobFailRequestSchema,
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
import { PfxConnectorCertificates } from './connector-certificates.service';
import { PfxDeliveryService } from './pfx-delivery.service';
import { PfxErrors } from './pfx-errors';

/** What PFX connectors call on the device port, over mTLS with their connector certificate. */
@Controller('connector/pfx')
export class PfxConnectorController {
  constructor(
    private readonly certificates: PfxConnectorCertificates,
    private readonly delivery: PfxDeliveryService,
  ) {}

  @Post('encryption-certificate')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  publish(@CurrentConnector() connector: ConnectorEntity, @Body(new ZodPipe(pfxConnectorPublishRequestSchema)) body: PfxConnectorPublishRequest): Promise<PfxConnectorCertificate> {
    return this.certificates.publish(connector, body);
  }

  @Post('jobs/:id/complete')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  async complete(
    @CurrentConnector() connector: ConnectorEntity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(pfxJobCompleteRequestSchema)) body: PfxJobCompleteRequest,
  ): Promise<PfxJobCompletionResponse> {
    return { deliveryId: id, state: await this.delivery.complete(connector, id, body) };
  }

  @Post('jobs/:id/fail')
  @HttpCode(200)
  @DeviceChannelRoute(ConnectorCertificateGuard)
  async fail(@CurrentConnector() connector: ConnectorEntity, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(pfxJobFailRequestSchema)) body: PfxJobFailRequest): Promise<PfxJobCompletionResponse> {
    return { deliveryId: id, state: await this.delivery.fail(connector, id, body) };
  }
}

/** What devices call (steps 5 and 10) on the device port, over mTLS with their Device Management certificate. */
@Controller('device/pfx')
export class PfxDeviceController {
  constructor(private readonly delivery: PfxDeliveryService) {}

  @Post('profiles/:profileId/request')
  @HttpCode(200)
  @DeviceChannelRoute(DeviceCertificateGuard)
  request(@CurrentDevice() device: DeviceEntity, @Param('profileId', ParseUUIDPipe) profileId: string, @Req() req: IncomingMessage): Promise<PfxDeviceRequestResponse> {
    return this.delivery.request(device, profileId, peerCertificate(req));
  }

  @Post('deliveries/:id/bundle')
  @HttpCode(200)
  @DeviceChannelRoute(DeviceCertificateGuard)
  bundle(@CurrentDevice() device: DeviceEntity, @Param('id', ParseUUIDPipe) id: string, @Req() req: IncomingMessage): Promise<PfxDeviceBundle> {
    return this.delivery.bundle(device, id, peerCertificate(req));
  }

  @Post('deliveries/:id/result')
  @HttpCode(200)
  @DeviceChannelRoute(DeviceCertificateGuard)
  async result(@CurrentDevice() device: DeviceEntity, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(pfxDeviceResultSchema)) body: PfxDeviceResult): Promise<PfxJobCompletionResponse> {
    return { deliveryId: id, state: await this.delivery.result(device, id, body) };
  }
}

function peerCertificate(req: IncomingMessage): Uint8Array {
  const raw = req.socket instanceof TLSSocket ? req.socket.getPeerCertificate().raw : undefined;
  if (!raw) throw PfxErrors.notReady('no client certificate to encrypt to');
  return new Uint8Array(raw);
}
