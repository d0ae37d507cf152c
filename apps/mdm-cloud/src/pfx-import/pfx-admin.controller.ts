import {
  type ImportedPfx,
  type ImportedPfxListQuery,
  type Page,
  type PfxConnectorCertificateList,
  type PfxImportRequest,
  importedPfxListQuerySchema,
  pfxImportRequestSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CurrentAccount } from '../accounts/session.guard';
import { PfxConnectorCertificates } from './connector-certificates.service';
import { ImportedPfxService } from './imported-pfx.service';

/** The admin API of imported PKCS#12: the import tool's upload and the console's per-user list. */
@Controller('pfx-import')
export class PfxAdminController {
  constructor(
    private readonly imported: ImportedPfxService,
    private readonly connectors: PfxConnectorCertificates,
  ) {}

  @Get('connector-certificates')
  async connectorCertificates(): Promise<PfxConnectorCertificateList> {
    return { items: await this.connectors.list() };
  }

  @Post('certificates')
  upload(@CurrentAccount() account: { username: string }, @Body(new ZodPipe(pfxImportRequestSchema)) body: PfxImportRequest): Promise<ImportedPfx> {
    return this.imported.upload(account.username, body);
  }

  @Get('users/:userId/certificates')
  list(@Param('userId', ParseUUIDPipe) userId: string, @Query(new ZodPipe(importedPfxListQuerySchema)) q: ImportedPfxListQuery): Promise<Page<ImportedPfx>> {
    return this.imported.listForUser(userId, q);
  }
}
