import {
  type CaCertificateListQuery,
  type CaIdentityCreateRequest,
  caIdentityCreateRequestSchema,
  caIdentityCreateResponseSchema,
  caIdentityListSchema,
  type CaDenyRequest,
  type CaRequestListQuery,
  type CaRevokeRequest,
  type CaAuditQuery,
  caAuditPageSchema,
  caAuditQuerySchema,
  caAuthorityListSchema,
  caCertificateListQuerySchema,
  caCertificatePageSchema,
  caCertificateSchema,
  caDenyRequestSchema,
  caRequestListQuerySchema,
  caRequestPageSchema,
  caRequestSchema,
  caRevokeRequestSchema,
  caTemplateListSchema,
} from '@certlab/contracts';
import { AppError, ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ConsoleAccount } from '../accounts/console-account.entity';
import { CurrentAccount } from '../accounts/session.guard';
import { AuditService } from '../audit/audit.service';
import { CLOUD_CONFIG, type CloudConfig } from '../config';
import { CaAdminClient } from './ca-admin-client';

const CA_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SERIAL = /^[0-9a-fA-F]{1,80}$/;

function qs(query: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  return params.toString();
}

/**
 * The console's "Certificate authorities" section: the cloud relays each call to the CA's admin
 * API as its cloud-ca-admin identity, naming the signed-in user. Reads need a session; approve,
 * deny and revoke need the administrator role (SessionGuard, as for every write).
 */
@Controller('certificate-authorities')
export class CertificateAuthoritiesController {
  constructor(
    private readonly ca: CaAdminClient,
    private readonly audit: AuditService,
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
  ) {}

  @Get('cas')
  cas(@CurrentAccount() me: ConsoleAccount) {
    return this.ca.call('GET', '/api/cas', caAuthorityListSchema, me.username);
  }

  @Get('cas/:name/certificate')
  async caCertificate(@Param('name') name: string, @Res() res: Response): Promise<void> {
    if (!CA_NAME.test(name)) throw new AppError('notFound', 404, 'No such certificate authority');
    const der = await this.ca.publication(this.config.CA_URL, `/aia/${name}.crt`);
    res.type('application/pkix-cert').attachment(`${name}.crt`).send(der);
  }

  @Get('cas/:name/crl')
  async caCrl(@Param('name') name: string, @Res() res: Response): Promise<void> {
    if (!CA_NAME.test(name)) throw new AppError('notFound', 404, 'No such certificate authority');
    const der = await this.ca.publication(this.config.CA_URL, `/crl/${name}.crl`);
    res.type('application/pkix-crl').attachment(`${name}.crl`).send(der);
  }

  @Get('templates')
  templates(@CurrentAccount() me: ConsoleAccount) {
    return this.ca.call('GET', '/api/templates', caTemplateListSchema, me.username);
  }

  @Get('requests')
  requests(@Query(new ZodPipe(caRequestListQuerySchema)) q: CaRequestListQuery, @CurrentAccount() me: ConsoleAccount) {
    return this.ca.call('GET', `/api/requests?${qs(q)}`, caRequestPageSchema, me.username);
  }

  @Get('certificates')
  certificates(@Query(new ZodPipe(caCertificateListQuerySchema)) q: CaCertificateListQuery, @CurrentAccount() me: ConsoleAccount) {
    return this.ca.call('GET', `/api/certificates?${qs(q)}`, caCertificatePageSchema, me.username);
  }

  @Get('audit')
  auditLog(@Query(new ZodPipe(caAuditQuerySchema)) q: CaAuditQuery, @CurrentAccount() me: ConsoleAccount) {
    return this.ca.call('GET', `/api/audit?${qs(q)}`, caAuditPageSchema, me.username);
  }

  @Get('identities')
  identities(@CurrentAccount() me: ConsoleAccount) {
    return this.ca.call('GET', '/api/identities', caIdentityListSchema, me.username);
  }

  /**
   * Registers an on-prem computer identity at the CA and returns its one-time enrollment token:
   * the console shows it once; neither the cloud's audit nor its log keeps it.
   */
  @Post('identities')
  @HttpCode(201)
  async createIdentity(@Body(new ZodPipe(caIdentityCreateRequestSchema)) body: CaIdentityCreateRequest, @CurrentAccount() me: ConsoleAccount) {
    const result = await this.ca.call('POST', '/api/identities', caIdentityCreateResponseSchema, me.username, body);
    await this.audit.record({ actor: me.username, action: 'ca.identity.create', target: result.identity, details: { kind: result.kind, enrollOn: result.enrollOn, tokenExpiresAt: result.expiresAt } });
    return result;
  }

  @Post('requests/:id/approve')
  @HttpCode(200)
  async approve(@Param('id', ParseIntPipe) id: number, @CurrentAccount() me: ConsoleAccount) {
    const result = await this.ca.call('POST', `/api/requests/${id}/approve`, caRequestSchema, me.username);
    await this.audit.record({ actor: me.username, action: 'ca.request.approve', target: `request ${id}`, details: { serialNumber: result.serialNumber } });
    return result;
  }

  @Post('requests/:id/deny')
  @HttpCode(200)
  async deny(@Param('id', ParseIntPipe) id: number, @Body(new ZodPipe(caDenyRequestSchema)) body: CaDenyRequest, @CurrentAccount() me: ConsoleAccount) {
    const result = await this.ca.call('POST', `/api/requests/${id}/deny`, caRequestSchema, me.username, body);
    await this.audit.record({ actor: me.username, action: 'ca.request.deny', target: `request ${id}`, details: { reason: result.reason } });
    return result;
  }

  @Post('certificates/:serial/revoke')
  @HttpCode(200)
  async revoke(@Param('serial') serial: string, @Body(new ZodPipe(caRevokeRequestSchema)) body: CaRevokeRequest, @CurrentAccount() me: ConsoleAccount) {
    if (!SERIAL.test(serial)) throw new AppError('invalidSerial', 400, 'The serial number is not hex');
    const result = await this.ca.call('POST', `/api/certificates/${serial}/revoke`, caCertificateSchema, me.username, body);
    await this.audit.record({ actor: me.username, action: 'ca.certificate.revoke', target: result.serialNumber, details: { reason: body.reason, subject: result.subject } });
    return result;
  }

  @Post('certificates/:serial/unrevoke')
  @HttpCode(200)
  async unrevoke(@Param('serial') serial: string, @CurrentAccount() me: ConsoleAccount) {
    if (!SERIAL.test(serial)) throw new AppError('invalidSerial', 400, 'The serial number is not hex');
    const result = await this.ca.call('POST', `/api/certificates/${serial}/unrevoke`, caCertificateSchema, me.username);
    await this.audit.record({ actor: me.username, action: 'ca.certificate.unrevoke', target: result.serialNumber });
    return result;
  }
}
