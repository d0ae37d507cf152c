import { type CanActivate, type ExecutionContext, Injectable, UseGuards, applyDecorators } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { Public } from '@certlab/service-kit';
import { CloudErrors } from '../errors';

const ARRIVED_ON_DEVICE_PORT = Symbol('certlab.devicePort');

/** Set by the device-port listener on every request it hands to the shared Express app. */
export function markDevicePortRequest(req: IncomingMessage): void {
  (req as IncomingMessage & { [ARRIVED_ON_DEVICE_PORT]?: true })[ARRIVED_ON_DEVICE_PORT] = true;
}

export function arrivedOnDevicePort(req: IncomingMessage): boolean {
  return (req as IncomingMessage & { [ARRIVED_ON_DEVICE_PORT]?: true })[ARRIVED_ON_DEVICE_PORT] === true;
}

/**
 * The SHA-256 thumbprint (uppercase hex, as pki-core prints it) of the client certificate, when
 * the TLS handshake verified it against the MDM device CA; otherwise undefined. The listener asks
 * for a certificate without requiring one (enrollment has none yet), so `authorized` is checked
 * here rather than by the handshake.
 */
export function verifiedPeerThumbprint(req: IncomingMessage): string | undefined {
  const socket = req.socket;
  if (!(socket instanceof TLSSocket) || !socket.authorized) return undefined;
  const peer = socket.getPeerCertificate();
  if (!peer || !peer.fingerprint256) return undefined;
  return peer.fingerprint256.replaceAll(':', '').toUpperCase();
}

/** Refuses a device-channel route reached through the admin port. */
@Injectable()
export class DevicePortOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!arrivedOnDevicePort(context.switchToHttp().getRequest<IncomingMessage>())) {
      throw CloudErrors.deviceChannelOnly('This route is served on the device port (DEVICE_PORT), over TLS.');
    }
    return true;
  }
}

/**
 * A route of the device channel: no console session (devices and connectors have none), served
 * only on the device port; further guards (device or connector certificate) add the identity.
 */
export const DeviceChannelRoute = (...guards: (new (...args: never[]) => CanActivate)[]) =>
  applyDecorators(Public(), UseGuards(DevicePortOnlyGuard, ...guards));
