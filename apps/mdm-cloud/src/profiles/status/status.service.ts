import {
  type DesiredProfile,
  type DeviceProfileList,
  type Page,
  PROFILE_SETTINGS_SCHEMAS,
  type ProfileDeviceStatus,
  type ProfileStatus,
  type ProfileStatusQuery,
  type ProfileStatusReport,
  type ProfileUserStatus,
  STATUS_SEVERITY,
  type StatusCounts,
  type StatusHistoryEntry,
  type StatusHistoryQuery,
} from '@certlab/contracts';
import { Certificate } from '@certlab/pki-core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { DeviceEntity } from '../../devices/device.entity';
import { CloudErrors } from '../../errors';
import { ProfileEntity } from '../profile.entity';
import { type DeviceRef, TargetingService, toRef } from '../targeting/targeting.service';
import { DeviceProfileStatusEntity, DeviceProfileStatusHistoryEntity } from '../device-profile-status.entity';
import { PkcsProfileType } from '../pkcs/pkcs-profile';
import { PkcsImportedProfileType } from '../pkcs-imported/pkcs-imported-profile';
import { ScepProfileType } from '../scep/scep-profile';
import { effectiveStatus } from './effective-status';

const zeroCounts = (): StatusCounts => ({ pending: 0, succeeded: 0, failed: 0, removed: 0 });

/** What each device should have, what it reported, and the status views built from both. */
@Injectable()
export class StatusService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(DeviceProfileStatusEntity) private readonly current: Repository<DeviceProfileStatusEntity>,
    @InjectRepository(DeviceProfileStatusHistoryEntity) private readonly history: Repository<DeviceProfileStatusHistoryEntity>,
    @InjectRepository(ProfileEntity) private readonly profiles: Repository<ProfileEntity>,
    @InjectRepository(DeviceEntity) private readonly devices: Repository<DeviceEntity>,
    private readonly targeting: TargetingService,
    private readonly pkcs: PkcsProfileType,
    private readonly scep: ScepProfileType,
    private readonly pkcsImported: PkcsImportedProfileType,
  ) {}

  /** The device channel's check-in: profiles in effect now, each with its payload. */
  async desired(deviceId: string): Promise<DesiredProfile[]> {
    const found = await this.targeting.forDevice(deviceId);
    if (!found) throw CloudErrors.deviceNotFound(`No device has id ${deviceId}.`);
    const byId = new Map(found.profiles.map((p) => [p.id, p]));
    const out: DesiredProfile[] = [];
    for (const t of found.targeting.filter((x) => x.applies)) {
      const p = byId.get(t.profileId)!;
      if (p.type === 'pkcs' && found.device.state === 'enrolled') out.push(await this.pkcs.desired(p, deviceId));
      if (p.type === 'scep' && found.device.state === 'enrolled') out.push(await this.scep.desired(p, deviceId));
      if (p.type === 'pkcsImported' && found.device.state === 'enrolled') out.push(await this.pkcsImported.desired(p, deviceId));
      if (p.type !== 'trustedRoot') continue;
      const settings = PROFILE_SETTINGS_SCHEMAS.trustedRoot.parse(p.settings);
      const cert = Certificate.parse(Buffer.from(settings.certificate, 'base64'));
      out.push({
        profileId: p.id,
        name: p.name,
        version: p.version,
        type: 'trustedRoot',
        payload: { certificate: settings.certificate, thumbprintSha256: cert.thumbprintSha256, subject: cert.subject },
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Stores what the device reported. History gets a row only when something changed (status,
   * version or error), so a device re-reporting on every check-in does not flood it. A `removed`
   * report for a profile deleted meanwhile is accepted and dropped: there is nothing to keep.
   */
  async record(deviceId: string, reports: ProfileStatusReport[]): Promise<void> {
    const ids = [...new Set(reports.map((r) => r.profileId))];
    const known = new Set((await this.profiles.findBy({ id: In(ids.filter(isUuid)) })).map((p) => p.id));
    const unknown = reports.filter((r) => !known.has(r.profileId) && r.status !== 'removed');
    if (unknown.length) throw CloudErrors.unknownProfileInReport(`Unknown profile ids: ${unknown.map((r) => r.profileId).join(', ')}.`);
    const now = new Date();
    await this.ds.transaction(async (m) => {
      for (const r of reports.filter((x) => known.has(x.profileId))) {
        const before = await m.getRepository(DeviceProfileStatusEntity).findOneBy({ deviceId, profileId: r.profileId });
        const row = {
          deviceId,
          profileId: r.profileId,
          version: r.version,
          status: r.status,
          errorCode: r.status === 'failed' ? (r.errorCode ?? null) : null,
          message: r.message ?? null,
          details: r.details ?? null,
          reportedAt: now,
        };
        await m.getRepository(DeviceProfileStatusEntity).save(row);
        const changed = !before || before.status !== row.status || before.version !== row.version || before.errorCode !== row.errorCode || before.message !== row.message;
        if (changed) {
          const { reportedAt: at, ...rest } = row;
          await m.getRepository(DeviceProfileStatusHistoryEntity).insert({ ...rest, at });
        }
      }
    });
    const scepIds = new Set((await this.profiles.findBy({ id: In([...known]), type: 'scep' })).map((p) => p.id));
    for (const r of reports.filter((x) => scepIds.has(x.profileId))) await this.scep.recordReport(deviceId, r);
  }

  /** Devices per status, per profile. */
  async countsFor(profileIds: string[]): Promise<Map<string, StatusCounts>> {
    const rows = await this.statusRows(profileIds);
    const fleet = await this.targeting.fleet(profileIds);
    const out = new Map<string, StatusCounts>();
    for (const p of fleet.profiles) {
      const counts = zeroCounts();
      for (const s of this.statusesOf(p, fleet.targetedBy(p.id), rows)) counts[s.status]++;
      out.set(p.id, counts);
    }
    return out;
  }

  async deviceStatus(profileId: string, query: ProfileStatusQuery): Promise<Page<ProfileDeviceStatus>> {
    const entries = await this.entriesFor(profileId);
    let items = entries.filter((e) => !query.status || e.status === query.status);
    if (query.search) {
      const s = query.search.toLowerCase();
      items = items.filter((e) => e.deviceName.toLowerCase().includes(s) || (e.user?.userPrincipalName.toLowerCase().includes(s) ?? false));
    }
    const key = query.sort ?? 'deviceName';
    const value = (e: ProfileDeviceStatus): string | number =>
      key === 'status' ? STATUS_SEVERITY[e.status] : key === 'reportedAt' ? (e.reportedAt ?? '') : key === 'userPrincipalName' ? (e.user?.userPrincipalName ?? '') : e.deviceName;
    return paginate(sortBy(items, value, query.order), query);
  }

  async userStatus(profileId: string, query: ProfileStatusQuery): Promise<Page<ProfileUserStatus>> {
    const entries = await this.entriesFor(profileId);
    const byUser = new Map<string, ProfileUserStatus>();
    for (const e of entries) {
      if (!e.user) continue;
      const row = byUser.get(e.user.id) ?? { user: e.user, status: e.status, devices: zeroCounts() };
      row.devices[e.status]++;
      if (STATUS_SEVERITY[e.status] > STATUS_SEVERITY[row.status]) row.status = e.status;
      byUser.set(e.user.id, row);
    }
    let items = [...byUser.values()].filter((u) => !query.status || u.status === query.status);
    if (query.search) {
      const s = query.search.toLowerCase();
      items = items.filter((u) => u.user.userPrincipalName.toLowerCase().includes(s) || u.user.displayName.toLowerCase().includes(s));
    }
    const value = (u: ProfileUserStatus): string | number => (query.sort === 'status' ? STATUS_SEVERITY[u.status] : u.user.userPrincipalName);
    return paginate(sortBy(items, value, query.order), query);
  }

  /** A device's profiles: those that apply, those assigned but not applying, and why. */
  async deviceProfiles(deviceId: string): Promise<DeviceProfileList> {
    const found = await this.targeting.forDevice(deviceId);
    if (!found) throw CloudErrors.deviceNotFound(`No device has id ${deviceId}.`);
    const reports = new Map((await this.current.findBy({ deviceId })).map((r) => [r.profileId, r]));
    const byId = new Map(found.profiles.map((p) => [p.id, p]));
    const targeted = new Map(found.targeting.map((t) => [t.profileId, t]));
    const profileIds = new Set([...targeted.keys(), ...reports.keys()]);
    const items = [...profileIds].flatMap((id) => {
      const p = byId.get(id);
      if (!p) return [];
      const t = targeted.get(id);
      const r = reports.get(id);
      const applies = (t?.applies ?? false) && found.device.state === 'enrolled';
      return [
        {
          profileId: id,
          name: p.name,
          type: p.type,
          version: p.version,
          applies,
          notAppliedReason: t?.notAppliedReason ?? (applies ? null : 'no longer assigned to this device or its user'),
          reasons: t?.reasons ?? [],
          status: effectiveStatus(applies, r, p.version),
          statusVersion: r?.version ?? null,
          errorCode: r?.errorCode ?? null,
          message: r?.message ?? null,
          reportedAt: r?.reportedAt.toISOString() ?? null,
        },
      ];
    });
    return { deviceId, items: items.sort((a, b) => Number(b.applies) - Number(a.applies) || a.name.localeCompare(b.name)) };
  }

  async statusHistory(deviceId: string, query: StatusHistoryQuery): Promise<Page<StatusHistoryEntry>> {
    if (!(await this.devices.existsBy({ id: deviceId }))) throw CloudErrors.deviceNotFound(`No device has id ${deviceId}.`);
    const qb = this.history.createQueryBuilder('h').where('h.deviceId = :deviceId', { deviceId });
    if (query.profileId) qb.andWhere('h.profileId = :profileId', { profileId: query.profileId });
    if (query.status) qb.andWhere('h.status = :status', { status: query.status });
    qb.orderBy('h.at', query.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('h.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const names = new Map((rows.length ? await this.profiles.findBy({ id: In([...new Set(rows.map((r) => r.profileId))]) }) : []).map((p) => [p.id, p.name]));
    return {
      items: rows.map((h) => ({
        id: h.id,
        deviceId: h.deviceId,
        profileId: h.profileId,
        profileName: names.get(h.profileId) ?? h.profileId,
        version: h.version,
        status: h.status,
        errorCode: h.errorCode,
        message: h.message,
        details: h.details,
        at: h.at.toISOString(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private async entriesFor(profileId: string): Promise<ProfileDeviceStatus[]> {
    const profile = await this.profiles.findOneBy({ id: profileId });
    if (!profile) throw CloudErrors.profileNotFound(`No profile has id ${profileId}.`);
    const rows = await this.statusRows([profileId]);
    const fleet = await this.targeting.fleet([profileId]);
    const targeted = fleet.targetedBy(profileId);
    // Devices that reported but are no longer enrolled are outside the fleet: load them by id.
    const missing = rows.map((r) => r.deviceId).filter((id) => !fleet.devices.has(id));
    const extra = missing.length ? await this.devices.find({ where: { id: In(missing) }, relations: { owner: true } }) : [];
    const refs = new Map<string, DeviceRef>([...fleet.devices, ...extra.map((d) => [d.id, toRef(d)] as const)]);
    return this.statusesOf(profile, targeted, rows).flatMap((s) => {
      const d = refs.get(s.deviceId);
      if (!d) return [];
      return [
        {
          deviceId: d.id,
          deviceName: d.name,
          platform: d.platform,
          user: d.owner,
          status: s.status,
          version: s.report?.version ?? null,
          errorCode: s.report?.errorCode ?? null,
          message: s.report?.message ?? null,
          reportedAt: s.report?.reportedAt.toISOString() ?? null,
          targeted: s.targeted,
        },
      ];
    });
  }

  private statusesOf(profile: ProfileEntity, targetedDeviceIds: string[], rows: DeviceProfileStatusEntity[]) {
    const reports = new Map(rows.filter((r) => r.profileId === profile.id).map((r) => [r.deviceId, r]));
    const targeted = new Set(targetedDeviceIds);
    const out: { deviceId: string; status: ProfileStatus; targeted: boolean; report: DeviceProfileStatusEntity | undefined }[] = [];
    for (const deviceId of new Set([...targeted, ...reports.keys()])) {
      const report = reports.get(deviceId);
      const status = effectiveStatus(targeted.has(deviceId), report, profile.version);
      if (status) out.push({ deviceId, status, targeted: targeted.has(deviceId), report });
    }
    return out;
  }

  private statusRows(profileIds: string[]): Promise<DeviceProfileStatusEntity[]> {
    return profileIds.length ? this.current.findBy({ profileId: In(profileIds) }) : Promise.resolve([]);
  }
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

function sortBy<T>(items: T[], value: (t: T) => string | number, order: 'asc' | 'desc'): T[] {
  const dir = order === 'desc' ? -1 : 1;
  return [...items].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
  });
}

function paginate<T>(items: T[], query: { page: number; pageSize: number }): Page<T> {
  const start = (query.page - 1) * query.pageSize;
  return { items: items.slice(start, start + query.pageSize), total: items.length, page: query.page, pageSize: query.pageSize };
}
