import type { Device, DeviceListQuery, DeviceState, Page } from '@certlab/contracts';
import { escapeLike } from '@certlab/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CloudErrors } from '../errors';
import { CloudEvents } from '../events/cloud-events';
import { DeviceEntity } from './device.entity';

export interface NewDevice {
  name: string;
  platform: DeviceEntity['platform'];
  osVersion: string;
  serialNumber: string | null;
  imei: string | null;
  entraDeviceId: string;
  ownerId: string;
}

export interface ManagementCertificate {
  thumbprintSha256: string;
  serialNumber: string;
  notAfter: Date;
}

const SORT_COLUMNS = { name: 'd.name', enrolledAt: 'd.enrolledAt', lastCheckInAt: 'd.lastCheckInAt', platform: 'd.platform' } as const;

@Injectable()
export class DevicesService {
  constructor(
    @InjectRepository(DeviceEntity) private readonly devices: Repository<DeviceEntity>,
    private readonly audit: AuditService,
    private readonly events: CloudEvents,
  ) {}

  async list(query: DeviceListQuery): Promise<Page<Device>> {
    const qb = this.devices.createQueryBuilder('d').leftJoinAndSelect('d.owner', 'o');
    if (query.search) {
      qb.andWhere(
        '(d.name ILIKE :s OR d.serialNumber ILIKE :s OR d.imei ILIKE :s OR CAST(d.entraDeviceId AS text) ILIKE :s OR o.userPrincipalName ILIKE :s OR o.displayName ILIKE :s)',
        { s: `%${escapeLike(query.search)}%` },
      );
    }
    if (query.platform) qb.andWhere('d.platform = :platform', { platform: query.platform });
    if (query.state) qb.andWhere('d.state = :state', { state: query.state });
    if (query.ownerId) qb.andWhere('d.ownerId = :ownerId', { ownerId: query.ownerId });
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    qb.orderBy(SORT_COLUMNS[query.sort ?? 'name'], direction, direction === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST').addOrderBy('d.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toDevice), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<Device> {
    return toDevice(await this.load(id));
  }

  /** Retire (company data removed, device kept) and wipe (factory reset) end its management. */
  async changeState(id: string, state: Exclude<DeviceState, 'enrolled'>, actor: string): Promise<Device> {
    const device = await this.load(id);
    if (device.state !== 'enrolled') throw CloudErrors.deviceNotEnrolled(`Device ${device.name} is already ${device.state}.`);
    device.state = state;
    device.stateChangedAt = new Date();
    await this.devices.update({ id }, { state, stateChangedAt: device.stateChangedAt });
    await this.audit.record({
      actor,
      action: state === 'retired' ? 'device.retire' : 'device.wipe',
      target: `device:${id}`,
      details: { name: device.name, platform: device.platform, owner: device.owner?.userPrincipalName ?? null },
    });
    this.events.emit('devices.stateChanged', { deviceIds: [id], state });
    return toDevice(device);
  }

  /** The enrolled device holding this management certificate, or null (unknown, retired, wiped). */
  findEnrolledByCertificate(thumbprintSha256: string): Promise<DeviceEntity | null> {
    return this.devices.findOne({ where: { managementCertificateThumbprint: thumbprintSha256, state: 'enrolled' } });
  }

  /** Inside the enrollment transaction, so a refused certificate leaves no device behind. */
  async create(manager: EntityManager, device: NewDevice): Promise<DeviceEntity> {
    const repo = manager.getRepository(DeviceEntity);
    return repo.save(repo.create({ ...device, state: 'enrolled', enrolledAt: new Date(), lastCheckInAt: null, stateChangedAt: null }));
  }

  async attachCertificate(manager: EntityManager, deviceId: string, cert: ManagementCertificate): Promise<void> {
    await manager.getRepository(DeviceEntity).update(
      { id: deviceId },
      { managementCertificateThumbprint: cert.thumbprintSha256, managementCertificateSerial: cert.serialNumber, managementCertificateNotAfter: cert.notAfter },
    );
  }

  async touchCheckIn(deviceId: string): Promise<void> {
    await this.devices.update({ id: deviceId }, { lastCheckInAt: new Date() });
  }

  private async load(id: string): Promise<DeviceEntity> {
    const device = await this.devices.findOne({ where: { id }, relations: { owner: true } });
    if (!device) throw CloudErrors.deviceNotFound(`No device has id ${id}.`);
    return device;
  }
}

export function toDevice(d: DeviceEntity): Device {
  return {
    id: d.id,
    name: d.name,
    platform: d.platform,
    osVersion: d.osVersion,
    serialNumber: d.serialNumber,
    imei: d.imei,
    entraDeviceId: d.entraDeviceId,
    owner: d.owner ? { id: d.owner.id, userPrincipalName: d.owner.userPrincipalName, displayName: d.owner.displayName } : null,
    state: d.state,
    enrolledAt: d.enrolledAt.toISOString(),
    lastCheckInAt: d.lastCheckInAt?.toISOString() ?? null,
    managementCertificateThumbprint: d.managementCertificateThumbprint,
  };
}
