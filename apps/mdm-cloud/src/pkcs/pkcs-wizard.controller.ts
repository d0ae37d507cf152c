import { PROFILE_SETTINGS_SCHEMAS, type PkcsPreview, type PkcsWizardOptions, pkcsPreviewRequestSchema } from '@certlab/contracts';
import { TEMPLATE_VARIABLES } from '@certlab/pki-core';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AnyRole } from '../accounts/session.guard';
import { CA_RELAY_CONFIG, type CaRelayConfig } from '../certificate-authorities/ca-relay.config';
import { DeviceEntity } from '../devices/device.entity';
import { CloudErrors } from '../errors';
import { renderFor } from './render';

/** What the console's PKCS settings step needs from the cloud: the CA host it relays to, the variables, a rendered preview. */
@Controller('pkcs')
export class PkcsWizardController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CA_RELAY_CONFIG) private readonly relay: CaRelayConfig,
  ) {}

  @Get('wizard-options')
  options(): PkcsWizardOptions {
    return {
      caHost: new URL(this.relay.caTlsUrl).host,
      variables: Object.entries(TEMPLATE_VARIABLES).map(([name, v]) => ({ name, entity: v.entity, description: v.description })),
    };
  }

  /** Read-only, so any console role may preview (a POST only because the format travels in the body). */
  @Post('preview')
  @HttpCode(200)
  @AnyRole()
  async preview(@Body(new ZodPipe(pkcsPreviewRequestSchema)) body: z.infer<typeof pkcsPreviewRequestSchema>): Promise<PkcsPreview> {
    const device = await this.ds.getRepository(DeviceEntity).findOne({ where: { id: body.deviceId }, relations: { owner: true } });
    if (!device) throw CloudErrors.deviceNotFound(`No device has id ${body.deviceId}.`);
    // Only the fields rendering reads; the rest take the schema's defaults.
    const settings = PROFILE_SETTINGS_SCHEMAS.pkcs.parse({
      certificateType: body.certificateType,
      certificationAuthority: 'preview',
      certificationAuthorityName: 'preview',
      certificateTemplateName: 'preview',
      subjectNameFormat: body.subjectNameFormat,
      subjectAlternativeNames: body.subjectAlternativeNames,
      trustedRootProfileId: '00000000-0000-4000-8000-000000000000',
    });
    const rendered = renderFor(settings, device, device.owner);
    return {
      deviceName: device.name,
      userPrincipalName: device.owner?.userPrincipalName ?? null,
      subject: rendered.ok ? rendered.subject : null,
      subjectAlternativeNames: rendered.ok ? rendered.sans : [],
      problem: rendered.ok ? null : rendered.reason,
    };
  }
}
