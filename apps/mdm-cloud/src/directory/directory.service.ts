import type {
  AddMemberRequest,
  createGroupRequestSchema,
  createUserRequestSchema,
  DirectoryGroup,
  DirectoryUser,
  GroupDetail,
  GroupListQuery,
  MemberKind,
  Page,
  updateGroupRequestSchema,
  updateUserRequestSchema,
  UserListQuery,
} from '@certlab/contracts';
import { escapeLike } from '@certlab/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { DeviceEntity } from '../devices/device.entity';
import { CloudErrors } from '../errors';
import { CloudEvents } from '../events/cloud-events';
import { type MemberTable, MembershipStore } from './membership/membership.store';

export type CreateUserFields = z.infer<typeof createUserRequestSchema>;
export type UpdateUserFields = z.infer<typeof updateUserRequestSchema>;
export type CreateGroupFields = z.infer<typeof createGroupRequestSchema>;
export type UpdateGroupFields = z.infer<typeof updateGroupRequestSchema>;
import { DirectoryGroupEntity } from './directory-group.entity';
import { DirectoryUserEntity } from './directory-user.entity';

export interface NewUser {
  userPrincipalName: string;
  displayName: string;
  email?: string | null;
  onPremisesSamAccountName?: string | null;
  onPremisesDistinguishedName?: string | null;
}

@Injectable()
export class DirectoryService {
  constructor(
    @InjectRepository(DirectoryUserEntity) private readonly users: Repository<DirectoryUserEntity>,
    @InjectRepository(DirectoryGroupEntity) private readonly groups: Repository<DirectoryGroupEntity>,
    @InjectRepository(DeviceEntity) private readonly devices: Repository<DeviceEntity>,
    private readonly membership: MembershipStore,
    private readonly audit: AuditService,
    private readonly events: CloudEvents,
  ) {}

  async listUsers(query: UserListQuery): Promise<Page<DirectoryUser>> {
    const qb = this.users.createQueryBuilder('u').leftJoinAndSelect('u.groups', 'g');
    if (query.search) {
      qb.andWhere('(u.userPrincipalName ILIKE :s OR u.displayName ILIKE :s OR u.email ILIKE :s)', { s: `%${escapeLike(query.search)}%` });
    }
    if (query.groupId) {
      // A second join of the same relation filters, so the user's other groups still load in full.
      qb.innerJoin('u.groups', 'inGroup', 'inGroup.id = :groupId', { groupId: query.groupId });
    }
    qb.orderBy(`u.${query.sort ?? 'userPrincipalName'}`, query.order === 'desc' ? 'DESC' : 'ASC').addOrderBy('u.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toUser), total, page: query.page, pageSize: query.pageSize };
  }

  async getUser(id: string): Promise<DirectoryUser> {
    const user = await this.users.findOne({ where: { id }, relations: { groups: true } });
    if (!user) throw CloudErrors.userNotFound(`No user has id ${id}.`);
    return toUser(user);
  }

  async listGroups(query: GroupListQuery): Promise<Page<DirectoryGroup>> {
    const qb = this.groups.createQueryBuilder('g');
    if (query.search) qb.andWhere('(g.name ILIKE :s OR g.description ILIKE :s)', { s: `%${escapeLike(query.search)}%` });
    qb.orderBy(`g.${query.sort ?? 'name'}`, query.order === 'desc' ? 'DESC' : 'ASC').addOrderBy('g.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const counts = await this.memberCounts(rows.map((g) => g.id));
    return {
      items: rows.map((g) => ({
        id: g.id,
        name: g.name,
        description: g.description,
        memberCount: counts.get(g.id) ?? 0,
        createdAt: g.createdAt.toISOString(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private memberCounts(groupIds: string[]): Promise<Map<string, number>> {
    return this.membership.memberCounts(groupIds);
  }

  async createUser(actor: string, req: CreateUserFields): Promise<DirectoryUser> {
    if (await this.users.createQueryBuilder('u').where('lower(u.userPrincipalName) = lower(:upn)', { upn: req.userPrincipalName }).getExists()) {
      throw CloudErrors.userExists(`${req.userPrincipalName} is already in the directory.`);
    }
    const row = await this.users.save(this.users.create({ ...cleanUser(req), userPrincipalName: req.userPrincipalName }));
    await this.audit.record({ actor, action: 'directory.user.create', target: row.userPrincipalName, details: { id: row.id } });
    return this.getUser(row.id);
  }

  async updateUser(actor: string, id: string, req: UpdateUserFields): Promise<DirectoryUser> {
    const before = await this.users.findOneBy({ id });
    if (!before) throw CloudErrors.userNotFound(`No user has id ${id}.`);
    const changes = cleanUser(req);
    if (Object.keys(changes).length) await this.users.update({ id }, changes);
    await this.audit.record({ actor, action: 'directory.user.update', target: before.userPrincipalName, details: { id, changed: Object.keys(changes) } });
    return this.getUser(id);
  }

  async createGroup(actor: string, req: CreateGroupFields): Promise<GroupDetail> {
    await this.assertGroupNameFree(req.name);
    const row = await this.groups.save(this.groups.create({ name: req.name, description: req.description ?? null }));
    await this.audit.record({ actor, action: 'directory.group.create', target: row.name, details: { id: row.id } });
    return this.groupDetail(row.id);
  }

  async updateGroup(actor: string, id: string, req: UpdateGroupFields): Promise<GroupDetail> {
    const before = await this.findGroup(id);
    if (req.name !== undefined && req.name.toLowerCase() !== before.name.toLowerCase()) await this.assertGroupNameFree(req.name);
    const changes: Partial<DirectoryGroupEntity> = {};
    if (req.name !== undefined) changes.name = req.name;
    if (req.description !== undefined) changes.description = req.description;
    if (Object.keys(changes).length) await this.groups.update({ id }, changes);
    await this.audit.record({ actor, action: 'directory.group.update', target: changes.name ?? before.name, details: { id, changed: Object.keys(changes) } });
    return this.groupDetail(id);
  }

  async deleteGroup(actor: string, id: string): Promise<void> {
    const group = await this.findGroup(id);
    const affected = await this.membership.devicesAffectedBy([id]);
    await this.groups.delete({ id });
    await this.audit.record({ actor, action: 'directory.group.delete', target: group.name, details: { id } });
    if (affected.length) this.events.emit('devices.desiredStateChanged', { deviceIds: affected, reason: `group ${group.name} deleted` });
  }

  async groupDetail(id: string): Promise<GroupDetail> {
    const group = await this.findGroup(id);
    const [direct, graph, counts] = await Promise.all([this.membership.directMembers(id), this.membership.graph(), this.memberCounts([id])]);
    const [users, devices, groups] = await Promise.all([
      direct.users.length ? this.users.findBy({ id: In(direct.users) }) : [],
      direct.devices.length ? this.devices.findBy({ id: In(direct.devices) }) : [],
      direct.groups.length ? this.groups.findBy({ id: In(direct.groups) }) : [],
    ]);
    const nested = graph.descendants([id]);
    const transitive = await this.membership.membersOf([...nested]);
    const ownedDevices = transitive.users.length ? await this.devices.findBy({ ownerId: In(transitive.users) }) : [];
    const allDevices = new Set([...transitive.devices, ...ownedDevices.map((d) => d.id)]);
    const members = [
      ...groups.map((g) => ({ kind: 'group' as const, id: g.id, name: g.name, detail: g.description })),
      ...users.map((u) => ({ kind: 'user' as const, id: u.id, name: u.userPrincipalName, detail: u.displayName })),
      ...devices.map((d) => ({ kind: 'device' as const, id: d.id, name: d.name, detail: d.platform })),
    ];
    const parents = graph.directParents(id);
    return {
      id: group.id,
      name: group.name,
      description: group.description,
      memberCount: counts.get(id) ?? 0,
      createdAt: group.createdAt.toISOString(),
      members: members.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)),
      memberOf: parents.map((p) => ({ id: p, name: graph.name(p) })).sort((a, b) => a.name.localeCompare(b.name)),
      transitive: { users: transitive.users.length, devices: allDevices.size, groups: nested.size - 1 },
    };
  }

  async addMember(actor: string, groupId: string, member: AddMemberRequest): Promise<GroupDetail> {
    const group = await this.findGroup(groupId);
    const name = await this.memberName(member.kind, member.id);
    if (member.kind === 'group' && member.id === groupId) throw CloudErrors.groupNestingRefused(`${group.name} cannot be a member of itself.`);
    const added = await this.membership.add(TABLE[member.kind], groupId, member.id);
    if (added) {
      await this.audit.record({ actor, action: 'directory.member.add', target: group.name, details: { groupId, kind: member.kind, memberId: member.id, member: name } });
      await this.nudge([groupId], `${name} joined ${group.name}`);
    }
    return this.groupDetail(groupId);
  }

  async removeMember(actor: string, groupId: string, kind: MemberKind, memberId: string): Promise<GroupDetail> {
    const group = await this.findGroup(groupId);
    const name = await this.memberName(kind, memberId);
    // Devices affected are computed before the member leaves, or they could not be found.
    const affected = await this.membership.devicesAffectedBy([groupId]);
    const removed = await this.membership.remove(TABLE[kind], groupId, memberId);
    if (!removed) throw CloudErrors.memberNotFound(`${name} is not a direct member of ${group.name}.`);
    await this.audit.record({ actor, action: 'directory.member.remove', target: group.name, details: { groupId, kind, memberId, member: name } });
    if (affected.length) this.events.emit('devices.desiredStateChanged', { deviceIds: affected, reason: `${name} left ${group.name}` });
    return this.groupDetail(groupId);
  }

  /** Nudges the devices now in these groups: they should check in for their new desired state. */
  async nudge(groupIds: string[], reason: string): Promise<void> {
    const deviceIds = await this.membership.devicesAffectedBy(groupIds);
    if (deviceIds.length) this.events.emit('devices.desiredStateChanged', { deviceIds, reason });
  }

  private async memberName(kind: MemberKind, id: string): Promise<string> {
    const found =
      kind === 'user'
        ? (await this.users.findOneBy({ id }))?.userPrincipalName
        : kind === 'device'
          ? (await this.devices.findOneBy({ id }))?.name
          : (await this.groups.findOneBy({ id }))?.name;
    if (!found) throw CloudErrors.memberNotFound(`No ${kind} has id ${id}.`);
    return found;
  }

  private async findGroup(id: string): Promise<DirectoryGroupEntity> {
    const group = await this.groups.findOneBy({ id });
    if (!group) throw CloudErrors.groupNotFound(`No group has id ${id}.`);
    return group;
  }

  private async assertGroupNameFree(name: string): Promise<void> {
    if (await this.groups.createQueryBuilder('g').where('lower(g.name) = lower(:name)', { name }).getExists()) {
      throw CloudErrors.groupExists(`A group named "${name}" already exists.`);
    }
  }

  /** Creates the users and groups that do not exist yet, by UPN and group name; used by the demo seed. */
  async ensure(users: NewUser[], groups: { name: string; description?: string; members: string[] }[]): Promise<void> {
    for (const user of users) {
      if (!(await this.users.existsBy({ userPrincipalName: user.userPrincipalName }))) await this.users.insert(user);
    }
    for (const group of groups) {
      let entity = await this.groups.findOne({ where: { name: group.name }, relations: { members: true } });
      entity ??= this.groups.create({ name: group.name, description: group.description ?? null, members: [] });
      const have = new Set(entity.members.map((m) => m.userPrincipalName));
      for (const upn of group.members.filter((m) => !have.has(m))) {
        entity.members.push(await this.users.findOneByOrFail({ userPrincipalName: upn }));
      }
      await this.groups.save(entity);
    }
  }
}

const TABLE: Record<MemberKind, MemberTable> = { user: 'users', device: 'devices', group: 'nesting' };

/** Only the fields given; blank optional text becomes null. */
function cleanUser(req: UpdateUserFields): Partial<DirectoryUserEntity> {
  const out: Partial<DirectoryUserEntity> = {};
  if (req.displayName !== undefined) out.displayName = req.displayName;
  for (const key of ['email', 'onPremisesSamAccountName', 'onPremisesDistinguishedName'] as const) {
    const value = req[key];
    if (value !== undefined) out[key] = value === '' ? null : value;
  }
  return out;
}

function toUser(u: DirectoryUserEntity): DirectoryUser {
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    email: u.email,
    onPremisesSamAccountName: u.onPremisesSamAccountName,
    onPremisesDistinguishedName: u.onPremisesDistinguishedName,
    groups: (u.groups ?? []).map((g) => ({ id: g.id, name: g.name })).sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: u.createdAt.toISOString(),
  };
}
