import { type AuditEvent, type AuditQuery, auditQuerySchema, type Page } from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Controller, Get, Query } from '@nestjs/common';
import { AuditService } from './audit.service';

@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query(new ZodPipe(auditQuerySchema)) query: AuditQuery): Promise<Page<AuditEvent>> {
    return this.audit.list(query);
  }
}
