import {
  type CaCertificate,
  type CaCertificateListQuery,
  type CaCertificatePage,
  type CaDenyRequest,
  type CaRequest,
  type CaRequestListQuery,
  type CaRequestPage,
  type CaRevokeRequest,
  type CaSubmitRequest,
  caCertificateListQuerySchema,
  caDenyRequestSchema,
  caRequestListQuerySchema,
  caRevokeRequestSchema,
  caSubmitRequestSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import type { IdentityEntity } from '../entities';
import { Actor, CallerIdentity, RequireKind } from '../identities/identity.guard';
import { CaErrors } from '../errors';
import { CertificatesService } from './certificates.service';
import { certificateView } from './views';
import { RequestsService } from './requests.service';

@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @HttpCode(200)
  submit(@Body(new ZodPipe(caSubmitRequestSchema)) body: CaSubmitRequest, @CallerIdentity() caller: IdentityEntity): Promise<CaRequest> {
    return this.requests.submit({ requester: caller.name, template: body.template, caName: body.caName, ...RequestsService.decodeBody(body) });
  }

  @RequireKind('caAdmin')
  @Get()
  list(@Query(new ZodPipe(caRequestListQuerySchema)) q: CaRequestListQuery): Promise<CaRequestPage> {
    return this.requests.list(q);
  }

  /** The requester retrieves its own request (certreq -retrieve); an admin any. */
  @Get(':id')
  async get(@Param('id', ParseIntPipe) id: number, @CallerIdentity() caller: IdentityEntity): Promise<CaRequest> {
    const request = await this.requests.get(id);
    if (caller.kind !== 'caAdmin' && !request.requester.startsWith(caller.name)) throw CaErrors.requestNotFound(`request ${id}`);
    return request;
  }

  @RequireKind('caAdmin')
  @Post(':id/approve')
  @HttpCode(200)
  approve(@Param('id', ParseIntPipe) id: number, @Actor() actor: string): Promise<CaRequest> {
    return this.requests.approve(id, actor);
  }

  @RequireKind('caAdmin')
  @Post(':id/deny')
  @HttpCode(200)
  deny(@Param('id', ParseIntPipe) id: number, @Body(new ZodPipe(caDenyRequestSchema)) body: CaDenyRequest, @Actor() actor: string): Promise<CaRequest> {
    return this.requests.deny(id, actor, body.reason);
  }
}

@RequireKind('caAdmin')
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get()
  list(@Query(new ZodPipe(caCertificateListQuerySchema)) q: CaCertificateListQuery): Promise<CaCertificatePage> {
    return this.certificates.list(q);
  }

  @Get(':serial')
  async get(@Param('serial') serial: string): Promise<CaCertificate> {
    return certificateView(await this.certificates.get(serial));
  }

  @Post(':serial/revoke')
  @HttpCode(200)
  revoke(@Param('serial') serial: string, @Body(new ZodPipe(caRevokeRequestSchema)) body: CaRevokeRequest, @Actor() actor: string): Promise<CaCertificate> {
    return this.certificates.revoke(serial, body.reason, actor);
  }

  @Post(':serial/unrevoke')
  @HttpCode(200)
  unrevoke(@Param('serial') serial: string, @Actor() actor: string): Promise<CaCertificate> {
    return this.certificates.unrevoke(serial, actor);
  }
}
