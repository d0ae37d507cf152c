import {
  type AssignmentInput,
  type CertificateSummary,
  type CreateProfileRequest,
  createProfileRequestSchema,
  type Page,
  type Profile,
  type ProfileListQuery,
  type ProfileVersion,
  PROFILE_SETTINGS_SCHEMAS,
  type StatusCounts,
  type TrustedRootInput,
  type TrustedRootSettings,
  type UpdateProfileRequest,
  trustedRootInputSchema,
} from '@certlab/contracts';
import { Certificate } from '@certlab/pki-core';
import { escapeLike } from '@certlab/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DirectoryGroupEntity } from '../directory/directory-group.entity';
import { MembershipStore } from '../directory/membership/membership.store';
import { CloudErrors } from '../errors';
import { CloudEvents } from '../events/cloud-events';
import { ProfileAssignmentEntity, ProfileEntity, ProfileVersionEntity } from './profile.entity';
import { StatusService } from './status/status.service';
import { PkcsProfileType } from './pkcs/pkcs-profile';
import { PkcsImportedProfileType } from './pkcs-imported/pkcs-imported-profile';
import { ScepProfileType } from './scep/scep-profile';
import { CaPublication } from './trusted-root/ca-publication';
import { readCaCertificate, summarize } from './trusted-root/ca-certificate';

/** Profiles and their assignments: every change is versioned, audited and nudges the devices it touches. */
@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(ProfileEntity) private readonly profiles: Repository<ProfileEntity>,
    @InjectRepository(ProfileVersionEntity) private readonly versions: Repository<ProfileVersionEntity>,
    @InjectRepository(ProfileAssignmentEntity) private readonly assignments: Repository<ProfileAssignmentEntity>,
    @InjectRepository(DirectoryGroupEntity) private readonly groups: Repository<DirectoryGroupEntity>,
    private readonly membership: MembershipStore,
    private readonly status: StatusService,
    private readonly ca: CaPublication,
    private readonly audit: AuditService,
    private readonly events: CloudEvents,
    private readonly pkcs: PkcsProfileType,
    private readonly scep: ScepProfileType,
    private readonly pkcsImported: PkcsImportedProfileType,
  ) {}

  async list(query: ProfileListQuery): Promise<Page<Profile>> {
    const qb = this.profiles.createQueryBuilder('p');
    if (query.search) qb.andWhere('(p.name ILIKE :s OR p.description ILIKE :s)', { s: `%${escapeLike(query.search)}%` });
    if (query.type) qb.andWhere('p.type = :type', { type: query.type });
    if (query.platform) qb.andWhere(':platform = ANY(p.platforms)', { platform: query.platform });
    qb.orderBy(`p.${query.sort ?? 'name'}`, query.order === 'desc' ? 'DESC' : 'ASC').addOrderBy('p.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: await this.views(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<Profile> {
    const [view] = await this.views([await this.find(id)]);
    return view!;
  }

  /** What the wizard shows for a certificate before the profile is created. */
  async inspect(input: TrustedRootInput): Promise<CertificateSummary> {
    return summarize(await this.certificateOf(input));
  }

  async create(actor: string, request: CreateProfileRequest): Promise<Profile> {
    const req = createProfileRequestSchema.parse(request);
    const settings =
      req.type === 'pkcs' ? await this.pkcs.settings(req.settings)
      : req.type === 'pkcsImported' ? this.pkcsImported.settings(req.settings)
      : req.type === 'scep' ? await this.scep.settings(req.settings, req.platforms, req.assignments.filter((a) => a.mode === 'include').map((a) => a.groupId))
      : await this.trustedRootSettings(req.settings);
    await this.checkGroups(req.assignments);
    const now = new Date();
    const id = await this.ds.transaction(async (m) => {
      const row = await m.getRepository(ProfileEntity).save({
        name: req.name,
        description: req.description || null,
        type: req.type,
        platforms: unique(req.platforms),
        settings,
        version: 1,
        createdAt: now,
        createdBy: actor,
        modifiedAt: now,
        modifiedBy: actor,
      });
      await m.getRepository(ProfileVersionEntity).insert(versionOf(row));
      if (req.assignments.length) await m.getRepository(ProfileAssignmentEntity).insert(dedupe(req.assignments).map((a) => ({ profileId: row.id, ...a })));
      return row.id;
    });
    await this.audit.record({
      actor,
      action: 'profile.create',
      target: id,
      details: {
        name: req.name,
        type: req.type,
        platforms: req.platforms,
        ...('certificate' in settings ? { certificate: Certificate.parse(Buffer.from(settings.certificate, 'base64')).thumbprintSha256 } : { settings: req.type === 'scep' ? ScepProfileType.summary(settings) : req.type === 'pkcsImported' ? PkcsImportedProfileType.summary(settings) : PkcsProfileType.summary(settings) }),
        assignments: req.assignments,
      },
    });
    await this.nudge(req.assignments.map((a) => a.groupId), `profile ${req.name} created`);
    return this.get(id);
  }

  async update(actor: string, id: string, req: UpdateProfileRequest): Promise<Profile> {
    const current = await this.find(id);
    const settings =
      req.settings && current.type === 'scep' ? await this.scep.settings(req.settings, req.platforms ?? current.platforms, await this.assignedGroups(id, 'include'))
      : req.settings ? await this.settingsOfType(current.type, req.settings)
      : undefined;
    const next: ProfileEntity = {
      ...current,
      name: req.name ?? current.name,
      description: req.description === undefined ? current.description : req.description || null,
      platforms: req.platforms ? unique(req.platforms) : current.platforms,
      settings: settings ?? current.settings,
      version: current.version + 1,
      modifiedAt: new Date(),
      modifiedBy: actor,
    };
    await this.ds.transaction(async (m) => {
      // Optimistic: two admins saving at once cannot both make version n+1.
      const res = await m.getRepository(ProfileEntity).update({ id, version: current.version }, next);
      if (res.affected !== 1) throw CloudErrors.profileNotFound(`Profile ${id} changed while saving; reload and try again.`);
      await m.getRepository(ProfileVersionEntity).insert(versionOf(next));
    });
    const changed = Object.keys(req).filter((k) => req[k as keyof UpdateProfileRequest] !== undefined);
    await this.audit.record({ actor, action: 'profile.update', target: id, details: { name: next.name, version: next.version, changed } });
    await this.nudge(await this.assignedGroups(id), `profile ${next.name} changed to version ${next.version}`);
    return this.get(id);
  }

  async remove(actor: string, id: string): Promise<void> {
    const current = await this.find(id);
    const groups = await this.assignedGroups(id);
    const affected = await this.membership.devicesAffectedBy(groups);
    await this.profiles.delete({ id });
    await this.audit.record({ actor, action: 'profile.delete', target: id, details: { name: current.name, version: current.version } });
    if (affected.length) this.events.emit('devices.desiredStateChanged', { deviceIds: affected, reason: `profile ${current.name} deleted` });
  }

  async setAssignments(actor: string, id: string, assignments: AssignmentInput[]): Promise<Profile> {
    const profile = await this.find(id);
    const wanted = dedupe(assignments);
    await this.checkGroups(wanted);
    const before = await this.assignments.findBy({ profileId: id });
    await this.ds.transaction(async (m) => {
      await m.getRepository(ProfileAssignmentEntity).delete({ profileId: id });
      if (wanted.length) await m.getRepository(ProfileAssignmentEntity).insert(wanted.map((a) => ({ profileId: id, ...a })));
    });
    await this.audit.record({
      actor,
      action: 'profile.assign',
      target: id,
      details: { name: profile.name, before: before.map((a) => ({ groupId: a.groupId, mode: a.mode })), after: wanted },
    });
    await this.nudge([...before.map((a) => a.groupId), ...wanted.map((a) => a.groupId)], `assignments of ${profile.name} changed`);
    return this.get(id);
  }

  async history(id: string): Promise<ProfileVersion[]> {
    await this.find(id);
    const rows = await this.versions.find({ where: { profileId: id }, order: { version: 'DESC' } });
    return rows.map((v) => ({
      version: v.version,
      name: v.name,
      description: v.description,
      platforms: v.platforms,
      summary: summaryOf(v.settings),
      modifiedAt: v.modifiedAt.toISOString(),
      modifiedBy: v.modifiedBy,
    }));
  }

  private async find(id: string): Promise<ProfileEntity> {
    const row = await this.profiles.findOneBy({ id });
    if (!row) throw CloudErrors.profileNotFound(`No profile has id ${id}.`);
    return row;
  }

  private async assignedGroups(profileId: string, mode?: AssignmentInput['mode']): Promise<string[]> {
    return (await this.assignments.findBy({ profileId, ...(mode ? { mode } : {}) })).map((a) => a.groupId);
  }

  private async nudge(groupIds: string[], reason: string): Promise<void> {
    const deviceIds = await this.membership.devicesAffectedBy([...new Set(groupIds)]);
    if (deviceIds.length) this.events.emit('devices.desiredStateChanged', { deviceIds, reason });
  }

  private async checkGroups(assignments: AssignmentInput[]): Promise<void> {
    const ids = [...new Set(assignments.map((a) => a.groupId))];
    if (ids.length === 0) return;
    const found = new Set((await this.groups.findBy({ id: In(ids) })).map((g) => g.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw CloudErrors.groupNotFound(`No group has id ${missing.join(', ')}.`);
  }

  private async certificateOf(input: TrustedRootInput): Promise<Certificate> {
    return input.kind === 'upload' ? readCaCertificate(input.certificate) : this.ca.fetch(input.url);
  }

  /** An edit's settings must be of the profile's own type. */
  private async settingsOfType(type: ProfileEntity['type'], input: unknown): Promise<ProfileEntity['settings']> {
    if (type === 'pkcs') return this.pkcs.settings(input);
    if (type === 'pkcsImported') return this.pkcsImported.settings(input);
    const parsed = trustedRootInputSchema.safeParse(input);
    if (!parsed.success) throw CloudErrors.certificateUnreadable('A trusted certificate profile takes a certificate upload or a CA certificate URL.');
    return this.trustedRootSettings(parsed.data);
  }

  private async trustedRootSettings(input: TrustedRootInput): Promise<TrustedRootSettings> {
    const cert = await this.certificateOf(input);
    return PROFILE_SETTINGS_SCHEMAS.trustedRoot.parse({
      certificate: Buffer.from(cert.der).toString('base64'),
      source: input.kind === 'upload' ? { kind: 'upload', fileName: input.fileName ?? null } : { kind: 'ca', url: input.url },
    });
  }

  private async views(rows: ProfileEntity[]): Promise<Profile[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const assignments = await this.assignments.findBy({ profileId: In(ids) });
    const groupIds = [...new Set(assignments.map((a) => a.groupId))];
    const names = new Map((groupIds.length ? await this.groups.findBy({ id: In(groupIds) }) : []).map((g) => [g.id, g.name]));
    const counts = await this.status.countsFor(ids);
    return Promise.all(
      rows.map(async (r) => {
        const base = baseView(r, assignments.filter((a) => a.profileId === r.id), names, counts.get(r.id));
        if (r.type === 'pkcs') return { ...base, type: 'pkcs' as const, settings: await this.pkcs.view(r.settings) };
        if (r.type === 'scep') return { ...base, type: 'scep' as const, settings: await this.scep.view(r) };
        if (r.type === 'pkcsImported') return { ...base, type: 'pkcsImported' as const, settings: PROFILE_SETTINGS_SCHEMAS.pkcsImported.parse(r.settings) };
        const settings = PROFILE_SETTINGS_SCHEMAS.trustedRoot.parse(r.settings);
        return { ...base, type: 'trustedRoot' as const, settings: { source: settings.source, certificate: summarize(Certificate.parse(Buffer.from(settings.certificate, 'base64'))) } };
      }),
    );
  }
}

function baseView(r: ProfileEntity, assignments: ProfileAssignmentEntity[], names: Map<string, string>, counts: StatusCounts | undefined): Omit<Profile, 'type' | 'settings'> {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    platforms: r.platforms,
    version: r.version,
    assignments: assignments
      .map((a) => ({ groupId: a.groupId, groupName: names.get(a.groupId) ?? a.groupId, mode: a.mode }))
      .sort((a, b) => (a.mode === b.mode ? a.groupName.localeCompare(b.groupName) : a.mode === 'include' ? -1 : 1)),
    deviceStatus: counts ?? { pending: 0, succeeded: 0, failed: 0, removed: 0 },
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    modifiedAt: r.modifiedAt.toISOString(),
    modifiedBy: r.modifiedBy,
  };
}

function versionOf(p: ProfileEntity): ProfileVersionEntity {
  return { profileId: p.id, version: p.version, name: p.name, description: p.description, platforms: p.platforms, settings: p.settings, modifiedAt: p.modifiedAt, modifiedBy: p.modifiedBy };
}

function summaryOf(settings: unknown): string {
  if (PROFILE_SETTINGS_SCHEMAS.pkcs.safeParse(settings).success) return PkcsProfileType.summary(settings);
  if (PROFILE_SETTINGS_SCHEMAS.scep.safeParse(settings).success) return ScepProfileType.summary(settings);
  if (PROFILE_SETTINGS_SCHEMAS.pkcsImported.safeParse(settings).success) return PkcsImportedProfileType.summary(settings);
  const parsed = PROFILE_SETTINGS_SCHEMAS.trustedRoot.safeParse(settings);
  if (!parsed.success) return 'settings unreadable';
  const cert = Certificate.parse(Buffer.from(parsed.data.certificate, 'base64'));
  return `${cert.subject} (SHA-256 ${cert.thumbprintSha256.slice(0, 16)}…)`;
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

/** One assignment per group; when a request names a group twice, exclude wins as it would anyway. */
function dedupe(assignments: AssignmentInput[]): AssignmentInput[] {
  const byGroup = new Map<string, AssignmentInput>();
  for (const a of assignments) {
    if (byGroup.get(a.groupId)?.mode !== 'exclude') byGroup.set(a.groupId, a);
  }
  return [...byGroup.values()];
}
