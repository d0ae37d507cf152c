import { type CaAuditEvent, type CaAuditQuery, type Page } from '@certlab/contracts';
import { escapeLike } from '@certlab/service-kit';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from '../entities';

export interface AuditRecord {
  actor: string;
  action: 'submit' | 'issue' | 'deny' | 'pend' | 'approve' | 'revoke' | 'unrevoke' | 'publishCrl' | 'createHierarchy' | 'createIdentity' | 'createToken' | 'enrollIdentity' | 'issueTlsCertificate';
  requestId?: number | null;
  target?: string | null;
  outcome?: 'success' | 'failure';
  details?: Record<string, unknown>;
}

/** Who did what, when, to which request: every decision of the CA, readable through the API. */
@Injectable()
export class CaAuditService {
  private readonly logger = new Logger('CaAudit');

  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async record(event: AuditRecord, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEventEntity) : this.events;
    await repo.insert({
      actor: event.actor,
      action: event.action,
      requestId: event.requestId ?? null,
      target: event.target ?? null,
      outcome: event.outcome ?? 'success',
      details: (event.details ?? null) as never,
    });
    this.logger.log({ audit: { ...event } }, `${event.action} by ${event.actor}`);
  }

  async list(q: CaAuditQuery): Promise<Page<CaAuditEvent>> {
    const qb = this.events.createQueryBuilder('e');
    if (q.action) qb.andWhere('e.action = :action', { action: q.action });
    if (q.requestId !== undefined) qb.andWhere('e.request_id = :rid', { rid: q.requestId });
    if (q.search) qb.andWhere('(e.actor ILIKE :s OR e.target ILIKE :s)', { s: `%${escapeLike(q.search)}%` });
    qb.orderBy('e.at', q.order === 'asc' ? 'ASC' : 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return {
      items: rows.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actor, action: e.action, requestId: e.requestId, target: e.target, outcome: e.outcome, details: e.details })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
