import { type CaAuditQuery, caAuditQuerySchema } from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Controller, Get, Query } from '@nestjs/common';
import { CaAuditService } from '../audit/audit.service';
import { RequireKind } from '../identities/identity.guard';
import { CrlService } from '../publishing/crl.service';
import { TemplatesService } from '../templates/templates.service';
import { HierarchyService } from './hierarchy.service';

/** What the console's "Certificate authorities" section reads. */
@RequireKind('caAdmin')
@Controller()
export class AdminController {
  constructor(
    private readonly hierarchy: HierarchyService,
    private readonly crls: CrlService,
    private readonly templates: TemplatesService,
    private readonly audit: CaAuditService,
  ) {}

  @Get('cas')
  cas() {
    return { items: this.hierarchy.all().map((ca) => this.hierarchy.describe(ca, this.crls.info(ca.name))) };
  }

  @Get('templates')
  async templateList() {
    return { items: await this.templates.list() };
  }

  @Get('audit')
  auditList(@Query(new ZodPipe(caAuditQuerySchema)) q: CaAuditQuery) {
    return this.audit.list(q);
  }
}
