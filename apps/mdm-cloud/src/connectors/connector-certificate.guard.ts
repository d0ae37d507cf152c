import { type CanActivate, type ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { verifiedPeerThumbprint } from '../device-channel/device-port';
import { CloudErrors } from '../errors';
import type { ConnectorEntity } from './connector.entity';
import { ConnectorsService } from './connectors.service';

type ConnectorRequest = IncomingMessage & { connector?: ConnectorEntity };

/** Maps the verified client certificate to a registered, active connector; anything else is 401. */
@Injectable()
export class ConnectorCertificateGuard implements CanActivate {
  constructor(private readonly connectors: ConnectorsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ConnectorRequest>();
    const thumbprint = verifiedPeerThumbprint(req);
    if (!thumbprint) throw CloudErrors.connectorCertificateRequired('Present the connector certificate the cloud issued at registration.');
    const connector = await this.connectors.findActiveByCertificate(thumbprint);
    if (!connector) throw CloudErrors.connectorCertificateRequired('This certificate belongs to no registered connector.');
    req.connector = connector;
    return true;
  }
}

export const CurrentConnector = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const connector = ctx.switchToHttp().getRequest<ConnectorRequest>().connector;
  if (!connector) throw CloudErrors.connectorCertificateRequired();
  return connector;
});
