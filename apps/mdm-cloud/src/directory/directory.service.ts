import type { DirectoryGroup, DirectoryUser, GroupListQuery, Page, UserListQuery } from '@certlab/contracts';
import { escapeLike } from '@certlab/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CloudErrors } from '../errors';
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

  private async memberCounts(groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows: { id: string; count: string }[] = await this.groups
      .createQueryBuilder('g')
      .leftJoin('g.members', 'm')
      .select('g.id', 'id')
      .addSelect('COUNT(m.id)', 'count')
      .where('g.id IN (:...groupIds)', { groupIds })
      .groupBy('g.id')
      .getRawMany();
    return new Map(rows.map((r) => [r.id, Number(r.count)]));
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
