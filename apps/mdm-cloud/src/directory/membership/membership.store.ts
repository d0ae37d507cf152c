import { schemaOf } from '@certlab/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SERVICE_NAME } from '../../config';
import { GroupGraph } from './group-graph';

const S = schemaOf(SERVICE_NAME);
const T = {
  users: `"${S}"."directory_membership"`,
  devices: `"${S}"."directory_group_device"`,
  nesting: `"${S}"."directory_group_nesting"`,
  groups: `"${S}"."directory_group"`,
  device: `"${S}"."device"`,
};

export type MemberTable = 'users' | 'devices' | 'nesting';

/** Who is directly in which group: the three join tables, read and written in one place. */
@Injectable()
export class MembershipStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async graph(manager: EntityManager = this.ds.manager): Promise<GroupGraph> {
    const [edges, groups] = await Promise.all([
      manager.query<{ parentId: string; childId: string }[]>(`SELECT "parentId", "childId" FROM ${T.nesting}`),
      manager.query<{ id: string; name: string }[]>(`SELECT "id", "name" FROM ${T.groups}`),
    ]);
    return new GroupGraph(edges, new Map(groups.map((g) => [g.id, g.name])));
  }

  /** Direct groups of each user; users in no group are absent. */
  async groupsOfUsers(userIds: string[] | 'all', manager: EntityManager = this.ds.manager): Promise<Map<string, string[]>> {
    if (userIds !== 'all' && userIds.length === 0) return new Map();
    const rows = await manager.query<{ memberId: string; groupId: string }[]>(
      userIds === 'all'
        ? `SELECT "userId" AS "memberId", "groupId" FROM ${T.users}`
        : `SELECT "userId" AS "memberId", "groupId" FROM ${T.users} WHERE "userId" IN (${placeholders(userIds)})`,
      userIds === 'all' ? [] : userIds,
    );
    return group(rows);
  }

  async groupsOfDevices(deviceIds: string[] | 'all', manager: EntityManager = this.ds.manager): Promise<Map<string, string[]>> {
    if (deviceIds !== 'all' && deviceIds.length === 0) return new Map();
    const rows = await manager.query<{ memberId: string; groupId: string }[]>(
      deviceIds === 'all'
        ? `SELECT "deviceId" AS "memberId", "groupId" FROM ${T.devices}`
        : `SELECT "deviceId" AS "memberId", "groupId" FROM ${T.devices} WHERE "deviceId" IN (${placeholders(deviceIds)})`,
      deviceIds === 'all' ? [] : deviceIds,
    );
    return group(rows);
  }

  /** Adds a direct member; false when it was already there. */
  async add(table: MemberTable, groupId: string, memberId: string, manager: EntityManager = this.ds.manager): Promise<boolean> {
    const [sql, params] =
      table === 'nesting'
        ? [`INSERT INTO ${T.nesting} ("parentId", "childId") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [groupId, memberId]]
        : table === 'users'
          ? [`INSERT INTO ${T.users} ("groupId", "userId") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [groupId, memberId]]
          : [`INSERT INTO ${T.devices} ("groupId", "deviceId") VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [groupId, memberId]];
    const rows = await manager.query<unknown[]>(sql, params);
    return rows.length > 0;
  }

  /** Removes a direct member; false when it was not there. */
  async remove(table: MemberTable, groupId: string, memberId: string, manager: EntityManager = this.ds.manager): Promise<boolean> {
    const sql =
      table === 'nesting'
        ? `DELETE FROM ${T.nesting} WHERE "parentId" = $1 AND "childId" = $2 RETURNING 1`
        : table === 'users'
          ? `DELETE FROM ${T.users} WHERE "groupId" = $1 AND "userId" = $2 RETURNING 1`
          : `DELETE FROM ${T.devices} WHERE "groupId" = $1 AND "deviceId" = $2 RETURNING 1`;
    const rows = await manager.query<unknown[]>(sql, [groupId, memberId]);
    return rows.length > 0;
  }

  /** Direct members of a group, by kind. */
  async directMembers(groupId: string): Promise<{ users: string[]; devices: string[]; groups: string[] }> {
    const [users, devices, groups] = await Promise.all([
      this.ds.query<{ id: string }[]>(`SELECT "userId" AS id FROM ${T.users} WHERE "groupId" = $1`, [groupId]),
      this.ds.query<{ id: string }[]>(`SELECT "deviceId" AS id FROM ${T.devices} WHERE "groupId" = $1`, [groupId]),
      this.ds.query<{ id: string }[]>(`SELECT "childId" AS id FROM ${T.nesting} WHERE "parentId" = $1`, [groupId]),
    ]);
    return { users: users.map((r) => r.id), devices: devices.map((r) => r.id), groups: groups.map((r) => r.id) };
  }

  /** Direct member counts of all kinds, per group. */
  async memberCounts(groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.ds.query<{ id: string; count: string }[]>(
      `SELECT "groupId" AS id, COUNT(*) AS count FROM (
         SELECT "groupId" FROM ${T.users} UNION ALL SELECT "groupId" FROM ${T.devices}
         UNION ALL SELECT "parentId" AS "groupId" FROM ${T.nesting}
       ) m WHERE "groupId" IN (${placeholders(groupIds)}) GROUP BY "groupId"`,
      groupIds,
    );
    return new Map(rows.map((r) => [r.id, Number(r.count)]));
  }

  /**
   * Enrolled devices whose effective groups include any of these: members of the groups or of
   * any group nested in them, devices directly and through their owner user. These are the
   * devices to nudge when an assignment or a membership changes.
   */
  async devicesAffectedBy(groupIds: string[], manager: EntityManager = this.ds.manager): Promise<string[]> {
    if (groupIds.length === 0) return [];
    const graph = await this.graph(manager);
    const members = await this.membersOf([...graph.descendants(groupIds)]);
    if (members.users.length === 0 && members.devices.length === 0) return [];
    const conditions: string[] = [];
    if (members.devices.length > 0) conditions.push(`"id" IN (${placeholders(members.devices)})`);
    if (members.users.length > 0) conditions.push(`"ownerId" IN (${placeholders(members.users, members.devices.length)})`);
    const rows = await manager.query<{ id: string }[]>(
      `SELECT "id" FROM ${T.device} WHERE "state" = 'enrolled' AND (${conditions.join(' OR ')})`,
      [...members.devices, ...members.users],
    );
    return rows.map((r) => r.id);
  }

  /** Users and devices directly in any of these groups. */
  async membersOf(groupIds: string[]): Promise<{ users: string[]; devices: string[] }> {
    if (groupIds.length === 0) return { users: [], devices: [] };
    const [users, devices] = await Promise.all([
      this.ds.query<{ id: string }[]>(`SELECT DISTINCT "userId" AS id FROM ${T.users} WHERE "groupId" IN (${placeholders(groupIds)})`, groupIds),
      this.ds.query<{ id: string }[]>(`SELECT DISTINCT "deviceId" AS id FROM ${T.devices} WHERE "groupId" IN (${placeholders(groupIds)})`, groupIds),
    ]);
    return { users: users.map((r) => r.id), devices: devices.map((r) => r.id) };
  }
}

function group(rows: { memberId: string; groupId: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.memberId);
    if (list) list.push(r.groupId);
    else out.set(r.memberId, [r.groupId]);
  }
  return out;
}

/** `$1, $2, …`: explicit placeholders work the same on pg and PGlite, unlike array parameters. */
export function placeholders(values: readonly unknown[], offset = 0): string {
  return values.map((_, i) => `$${i + offset + 1}`).join(', ');
}
