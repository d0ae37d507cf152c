import { CA_ACTOR_HEADER, type CaIdentityKind } from '@certlab/contracts';
import { PUBLIC_ROUTE } from '@certlab/service-kit';
import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { TLSSocket } from 'node:tls';
import { normalizeSerial } from '@certlab/pki-core';
import type { IdentityEntity } from '../entities';
import { CaErrors } from '../errors';
import { IdentityLookupService } from './identity-lookup.service';

const REQUIRED_KIND = 'certlab:ca:kind';
/** Only identities of this kind may call the route (the admin API: caAdmin). */
export const RequireKind = (kind: CaIdentityKind) => SetMetadata(REQUIRED_KIND, kind);

export interface CaRequestContext extends Request {
  identity?: IdentityEntity;
}

/**
 * Every CA route needs the caller's client certificate (mTLS on TLS_PORT), issued by this CA to a
 * registered identity that still holds it unrevoked; deny by default. A call on the plain HTTP
 * port has no peer certificate and gets 401.
 */
@Injectable()
export class IdentityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly lookup: IdentityLookupService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<CaRequestContext>();
    const socket = req.socket;
    if (!(socket instanceof TLSSocket)) throw CaErrors.clientCertificateRequired(`call the request API over HTTPS with a client certificate`);
    const peer = socket.getPeerCertificate();
    if (!peer || !peer.serialNumber) throw CaErrors.clientCertificateRequired('no client certificate was presented');
    if (!socket.authorized) throw CaErrors.clientCertificateRequired(`the client certificate does not chain to this CA (${String(socket.authorizationError)})`);
    const match = await this.lookup.match(normalizeSerial(peer.serialNumber), peer.fingerprint.replace(/:/g, ''));
    if (!match.ok) throw match.why === 'revoked' ? CaErrors.identityRevoked() : CaErrors.unknownIdentity(`serial ${normalizeSerial(peer.serialNumber)}`);
    const kind = this.reflector.getAllAndOverride<CaIdentityKind | undefined>(REQUIRED_KIND, targets);
    if (kind && match.identity.kind !== kind) {
      throw CaErrors.notCaAdmin(`identity "${match.identity.name}" is a ${match.identity.kind}; this route needs a ${kind}`);
    }
    req.identity = match.identity;
    return true;
  }
}

/** The calling identity's name, or for the console relay "cloud-ca-admin on behalf of <user>". */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<CaRequestContext>();
  const identity = req.identity;
  if (!identity) throw CaErrors.clientCertificateRequired();
  const onBehalf = req.get(CA_ACTOR_HEADER)?.trim().slice(0, 128);
  return identity.kind === 'caAdmin' && onBehalf ? `${identity.name} on behalf of ${onBehalf}` : identity.name;
});

export const CallerIdentity = createParamDecorator((_: unknown, ctx: ExecutionContext): IdentityEntity => {
  const identity = ctx.switchToHttp().getRequest<CaRequestContext>().identity;
  if (!identity) throw CaErrors.clientCertificateRequired();
  return identity;
});
