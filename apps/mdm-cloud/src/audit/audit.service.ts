import type { AuditEvent, AuditQuery, Page } from '@certlab/contracts';
import { escapeLike } from '@certlab/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  actor: string;
  action: string;
  target?: string | null;
  outcome?: 'success' | 'failure';
  /** Never a secret: callers pass identifiers and outcomes, not passwords or keys. */
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async record(event: AuditRecord): Promise<void> {
    const row: Omit<AuditEventEntity, 'id' | 'at'> = {
      actor: event.actor,
      action: event.action,
      target: event.target ?? null,
      outcome: event.outcome ?? 'success',
      details: event.details ?? null,
    };
    // TypeORM's deep-partial type cannot follow an open jsonb record; the row above is checked.
    await this.events.insert(row as QueryDeepPartialEntity<AuditEventEntity>);
  }

  async list(query: AuditQuery): Promise<Page<AuditEvent>> {
    const qb = this.events.createQueryBuilder('e');
    if (query.actor) qb.andWhere('e.actor = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.outcome) qb.andWhere('e.outcome = :outcome', { outcome: query.outcome });
    if (query.search) {
      qb.andWhere('(e.actor ILIKE :s OR e.action ILIKE :s OR e.target ILIKE :s)', { s: `%${escapeLike(query.search)}%` });
    }
    qb.orderBy('e.at', query.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('e.id', 'ASC');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return {
      items: rows.map((e) => ({ ...e, at: e.at.toISOString() })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
