import {
  type CaIdentityCreateRequest,
  type CaIdentityCreateResponse,
  type CaIdentityEnrollRequest,
  type CaIdentityEnrollResponse,
  type CaIdentityTokenResponse,
  caIdentityCreateRequestSchema,
  caIdentityEnrollRequestSchema,
} from '@certlab/contracts';
import { Public, ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Actor, RequireKind } from './identity.guard';
import { IdentitiesService } from './identities.service';

@Controller('identities')
export class IdentitiesController {
  constructor(private readonly identities: IdentitiesService) {}

  /** Public: the one-time token is the credential (served on both ports). */
  @Public()
  @Post('enroll')
  @HttpCode(201)
  enroll(@Body(new ZodPipe(caIdentityEnrollRequestSchema)) body: CaIdentityEnrollRequest): Promise<CaIdentityEnrollResponse> {
    return this.identities.enroll(body.token, IdentitiesService.csrFromBase64(body.csr));
  }

  @RequireKind('caAdmin')
  @Get()
  async list() {
    return { items: await this.identities.list() };
  }

  /** Registers a computer identity and returns its one-time token (shown once, stored hashed). */
  @RequireKind('caAdmin')
  @Post()
  @HttpCode(201)
  create(@Body(new ZodPipe(caIdentityCreateRequestSchema)) body: CaIdentityCreateRequest, @Actor() actor: string): Promise<CaIdentityCreateResponse> {
    return this.identities.create(body, actor);
  }

  @RequireKind('caAdmin')
  @Post(':name/tokens')
  @HttpCode(201)
  mint(@Param('name') name: string, @Actor() actor: string): Promise<CaIdentityTokenResponse> {
    return this.identities.mintToken(name, actor);
  }
}
