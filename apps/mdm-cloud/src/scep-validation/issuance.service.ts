import type { Page, ScepIssuance, ScepIssuanceHistoryEntry, ScepIssuanceListQuery, ScepIssuanceState } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { DeviceEntity } from '../devices/device.entity';
import { ScepIssuanceEntity, ScepIssuanceHistoryEntity } from './scep-validation.entities';

export type IssuanceChange = Partial<Omit<ScepIssuanceEntity, 'deviceId' | 'profileId' | 'state' | 'updatedAt'>>;

/** The issuance state per device and SCEP profile, and every transition in its history. */
@Injectable()
export class ScepIssuanceService {
  constructor(
    @InjectRepository(ScepIssuanceEntity) private readonly issuances: Repository<ScepIssuanceEntity>,
    @InjectRepository(ScepIssuanceHistoryEntity) private readonly history: Repository<ScepIssuanceHistoryEntity>,
    @InjectRepository(DeviceEntity) private readonly devices: Repository<DeviceEntity>,
  ) {}

  /** Moves (device, profile) to `state`, keeping the other columns unless `change` sets them. */
  async transition(
    key: { deviceId: string; profileId: string; profileVersion: number },
    state: ScepIssuanceState,
    change: IssuanceChange & { actor: string; detail?: string | null },
    manager?: EntityManager,
  ): Promise<void> {
    const repo = manager ? manager.getRepository(ScepIssuanceEntity) : this.issuances;
    const historyRepo = manager ? manager.getRepository(ScepIssuanceHistoryEntity) : this.history;
    const { actor, detail, ...columns } = change;
    const now = new Date();
    await repo.upsert({ ...columns, deviceId: key.deviceId, profileId: key.profileId, profileVersion: key.profileVersion, state, updatedAt: now }, ['deviceId', 'profileId']);
    await historyRepo.insert({ deviceId: key.deviceId, profileId: key.profileId, at: now, state, transactionId: columns.transactionId ?? null, detail: detail ?? null, actor });
  }

  findByTransaction(transactionId: string): Promise<ScepIssuanceEntity | null> {
    return this.issuances.findOne({ where: { transactionId }, order: { updatedAt: 'DESC' } });
  }

  async list(q: ScepIssuanceListQuery): Promise<Page<ScepIssuance>> {
    const where = { ...(q.deviceId ? { deviceId: q.deviceId } : {}), ...(q.profileId ? { profileId: q.profileId } : {}), ...(q.state ? { state: q.state } : {}) };
    const [rows, total] = await this.issuances.findAndCount({
      where,
      order: { [q.sort ?? 'updatedAt']: q.order.toUpperCase() as 'ASC' | 'DESC', deviceId: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const names = new Map((rows.length ? await this.devices.findBy({ id: In(rows.map((r) => r.deviceId)) }) : []).map((d) => [d.id, d.name]));
    return { items: rows.map((r) => issuanceView(r, names.get(r.deviceId) ?? null)), total, page: q.page, pageSize: q.pageSize };
  }

  async historyOf(deviceId: string, profileId: string, page: number, pageSize: number): Promise<Page<ScepIssuanceHistoryEntry>> {
    const [rows, total] = await this.history.findAndCount({ where: { deviceId, profileId }, order: { at: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return {
      items: rows.map((h) => ({ at: h.at.toISOString(), state: h.state, transactionId: h.transactionId, detail: h.detail, actor: h.actor })),
      total,
      page,
      pageSize,
    };
  }
}

export function issuanceView(r: ScepIssuanceEntity, deviceName: string | null): ScepIssuance {
  return {
    deviceId: r.deviceId,
    deviceName,
    profileId: r.profileId,
    profileVersion: r.profileVersion,
    state: r.state,
    transactionId: r.transactionId,
    serialNumber: r.serialNumber,
    thumbprint: r.thumbprint,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    issuingCertificateAuthority: r.issuingCertificateAuthority,
    template: r.template,
    errorCode: r.errorCode,
    hResult: r.hResult,
    errorDescription: r.errorDescription,
    updatedAt: r.updatedAt.toISOString(),
  };
}
