import { createServiceApp } from '@certlab/service-kit';
import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { raw } from 'express';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MIME_OCSP_REQUEST } from '@certlab/pki-core';
import { CaModule } from './app.module';
import { type CaConfig, SERVICE_NAME } from './config';
import { TlsCredentialsService } from './http/tls-credentials.service';
import { IdentitiesService } from './identities/identities.service';
import { PUBLISHING_PATHS } from './publishing/publishing.controller';

export interface RunningCa {
  app: NestExpressApplication;
  /** Plain HTTP: health, CRL, AIA, OCSP, identity enrollment. */
  httpUrl: string;
  /** HTTPS + client certificates: the request and admin API. */
  tlsUrl: string;
  close(): Promise<void>;
}

/**
 * One Nest app on two listeners, as AD CS splits them: what it publishes goes over plain HTTP on
 * PORT; the request and admin API needs a client certificate on TLS_PORT. Port 0 picks free ports.
 */
export async function startCa(config: CaConfig, version: string): Promise<RunningCa> {
  const app = await createServiceApp(CaModule.forRoot(config, version), {
    name: SERVICE_NAME,
    bodyLimit: config.BODY_LIMIT,
    configure: (a) => {
      a.setGlobalPrefix('api', { exclude: PUBLISHING_PATHS.map((path) => ({ path, method: RequestMethod.ALL })) });
      a.use('/ocsp', raw({ type: MIME_OCSP_REQUEST, limit: '64kb' }));
    },
  });
  await app.listen(config.PORT, config.HOST);
  const tls = app.get(TlsCredentialsService).get();
  const server: Server = createServer({ key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: true, rejectUnauthorized: false }, app.getHttpAdapter().getInstance());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.TLS_PORT, config.HOST, () => resolve());
  });
  app.get(IdentitiesService).writeTokenFiles();
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const httpPort = (app.getHttpServer().address() as AddressInfo).port;
  const tlsPort = (server.address() as AddressInfo).port;
  return {
    app,
    httpUrl: `http://${host}:${httpPort}`,
    tlsUrl: `https://${host}:${tlsPort}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}
