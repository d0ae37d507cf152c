import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOUD_CONFIG, type CloudConfig } from '../config';
import { CloudErrors } from '../errors';
import { MdmCaService } from '../mdm-ca/mdm-ca.service';
import { markDevicePortRequest } from './device-port';

/** Only these reach the application through the device port; the admin API and console do not. */
const DEVICE_PORT_PATHS = [/^\/api\/device\//, /^\/api\/connector\//, /^\/api\/health\/?(\?|$)/];

/**
 * The device port: a second listener, HTTPS with `requestCert`, in front of the SAME Nest
 * application as the admin port. One application, because the device channel shares state that
 * is per process (the in-process CloudEvents that carry nudges, the single-session embedded
 * database); two listeners, because devices and connectors authenticate with certificates and
 * must never reach the admin API, while the console has no business on this port. Requests are
 * marked on arrival so device routes refuse the admin port, and filtered so admin routes refuse
 * this one.
 */
@Injectable()
export class DeviceChannelServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('DeviceChannel');
  private server?: Server;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly ca: MdmCaService,
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
  ) {}

  /** The bound port (differs from DEVICE_PORT when that is 0, as in tests). */
  get port(): number {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('the device port is not listening');
    return address.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const app = this.adapterHost.httpAdapter.getInstance<(req: IncomingMessage, res: ServerResponse) => void>();
    const tls = this.ca.tlsServerCredentials();
    this.server = createServer(
      { key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
      (req, res) => {
        if (!DEVICE_PORT_PATHS.some((p) => p.test(req.url ?? ''))) return refuse(res);
        markDevicePortRequest(req);
        app(req, res);
      },
    );
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.DEVICE_PORT, this.config.HOST, () => resolve());
    });
    this.log.log(`device and connector channel (mTLS) on https://${this.config.HOST}:${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    // Event streams stay open forever; close them rather than wait for devices to hang up.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function refuse(res: ServerResponse): void {
  const error = CloudErrors.deviceChannelOnly();
  res.writeHead(error.status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', status: error.status, title: error.title, code: error.code }));
}
