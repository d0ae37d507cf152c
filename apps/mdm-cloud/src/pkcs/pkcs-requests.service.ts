import type { Page, PkcsRequest, PkcsRequestDetail, PkcsRequestListQuery } from '@certlab/contracts';
import { escapeLike } from '@certlab/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { ConnectorEntity } from '../connectors/connector.entity';
import { DeviceEntity } from '../devices/device.entity';
import { DirectoryUserEntity } from '../directory/directory-user.entity';
import { ProfileEntity } from '../profiles/profile.entity';
import { PkcsErrors } from './pkcs-errors';
import { PkcsRequestEntity, PkcsRequestEventEntity } from './pkcs-request.entity';

const SORTS = { createdAt: 'r.createdAt', updatedAt: 'r.updatedAt', deviceName: 'd.name', state: 'r.state' } as const;

/** The console's view of the queue: where each request is, who holds it, what was delivered. */
@Injectable()
export class PkcsRequestsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(q: PkcsRequestListQuery): Promise<Page<PkcsRequest>> {
    const qb = this.ds.getRepository(PkcsRequestEntity).createQueryBuilder('r').leftJoin(DeviceEntity, 'd', 'd."id" = r."deviceId"');
    if (q.state) qb.andWhere('r.state = :state', { state: q.state });
    if (q.profileId) qb.andWhere('r.profileId = :profileId', { profileId: q.profileId });
    if (q.deviceId) qb.andWhere('r.deviceId = :deviceId', { deviceId: q.deviceId });
    if (q.search) qb.andWhere(`(d.name ILIKE :s OR r.job->>'subject' ILIKE :s)`, { s: `%${escapeLike(q.search)}%` });
    qb.orderBy(SORTS[q.sort ?? 'createdAt'], q.order === 'desc' ? 'DESC' : 'ASC').addOrderBy('r.id', 'ASC');
    // One device per request, so plain OFFSET/LIMIT pages correctly; skip/take would wrap the query
    // in TypeORM's distinct subquery, which cannot see the joined device's columns to sort by them.
    qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: await this.views(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string): Promise<PkcsRequestDetail> {
    const row = await this.ds.getRepository(PkcsRequestEntity).findOneBy({ id });
    if (!row) throw PkcsErrors.requestNotFound(`No PKCS request has id ${id}.`);
    const [view] = await this.views([row]);
    const events = await this.ds.getRepository(PkcsRequestEventEntity).find({ where: { requestId: id }, order: { at: 'ASC' } });
    return { ...view!, history: events.map((e) => ({ at: e.at.toISOString(), state: e.state, step: e.step, actor: e.actor, message: e.message })) };
  }

  private async views(rows: PkcsRequestEntity[]): Promise<PkcsRequest[]> {
    if (rows.length === 0) return [];
    const ids = <K extends keyof PkcsRequestEntity>(k: K) => [...new Set(rows.map((r) => r[k]).filter((v): v is NonNullable<typeof v> => v !== null))] as string[];
    const [devices, profiles, connectors] = await Promise.all([
      this.ds.getRepository(DeviceEntity).find({ where: { id: In(ids('deviceId')) }, relations: { owner: true } }),
      this.ds.getRepository(ProfileEntity).findBy({ id: In(ids('profileId')) }),
      ids('leaseOwner').length ? this.ds.getRepository(ConnectorEntity).findBy({ id: In(ids('leaseOwner')) }) : Promise.resolve([]),
    ]);
    const users = ids('userId').length ? await this.ds.getRepository(DirectoryUserEntity).findBy({ id: In(ids('userId')) }) : [];
    const device = new Map(devices.map((d) => [d.id, d]));
    const profile = new Map(profiles.map((p) => [p.id, p.name]));
    const connector = new Map(connectors.map((c) => [c.id, c.name]));
    const user = new Map(users.map((u) => [u.id, u.userPrincipalName]));
    const now = Date.now();
    return rows.map((r) => {
      const d = device.get(r.deviceId);
      return {
        id: r.id,
        profileId: r.profileId,
        profileName: profile.get(r.profileId) ?? '(deleted profile)',
        profileVersion: r.profileVersion,
        certificateType: r.certificateType,
        deviceId: r.deviceId,
        deviceName: d?.name ?? r.deviceId,
        userPrincipalName: (r.userId ? user.get(r.userId) : d?.owner?.userPrincipalName) ?? null,
        state: r.state,
        step: r.step,
        failedStep: r.failedStep,
        failureReason: r.failureReason,
        leaseOwnerConnectorId: r.leaseOwner,
        leaseOwnerConnectorName: r.leaseOwner ? (connector.get(r.leaseOwner) ?? null) : null,
        leaseExpiresAt: r.leaseExpiresAt?.toISOString() ?? null,
        leaseExpired: r.state === 'leased' && r.leaseExpiresAt !== null && r.leaseExpiresAt.getTime() <= now,
        attempts: r.attempts,
        subject: r.job.subject || null,
        subjectAlternativeNames: r.job.subjectAlternativeNames,
        caName: r.job.caName,
        caHost: r.job.caHost,
        template: r.job.template,
        caRequestId: r.caRequestId,
        certificate: r.certificate,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        deliveredAt: r.deliveredAt?.toISOString() ?? null,
      };
    });
  }
}
