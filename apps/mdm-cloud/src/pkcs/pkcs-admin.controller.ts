import { type Page, type PkcsKra, type PkcsRequest, type PkcsRequestDetail, type PkcsRequestListQuery, pkcsRequestListQuerySchema } from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CurrentAccount } from '../accounts/session.guard';
import { KraService } from '../kra/kra.service';
import { PkcsQueueService } from './pkcs-queue.service';
import { PkcsRequestsService } from './pkcs-requests.service';

/** The console's PKCS requests: list, detail with history, retry, and the public KRA certificate. */
@Controller('pkcs')
export class PkcsAdminController {
  constructor(
    private readonly requests: PkcsRequestsService,
    private readonly queue: PkcsQueueService,
    private readonly kra: KraService,
  ) {}

  @Get('requests')
  list(@Query(new ZodPipe(pkcsRequestListQuerySchema)) q: PkcsRequestListQuery): Promise<Page<PkcsRequest>> {
    return this.requests.list(q);
  }

  @Get('requests/:id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PkcsRequestDetail> {
    return this.requests.get(id);
  }

  @Post('requests/:id/retry')
  @HttpCode(200)
  async retry(@Param('id', ParseUUIDPipe) id: string, @CurrentAccount() account: { username: string }): Promise<PkcsRequestDetail> {
    await this.queue.retry(account.username, id);
    return this.requests.get(id);
  }

  @Get('kra')
  kraCertificate(): PkcsKra {
    const c = this.kra.certificate;
    return { certificate: c.pem, thumbprintSha256: c.thumbprintSha256, notAfter: c.notAfter.toISOString() };
  }
}
