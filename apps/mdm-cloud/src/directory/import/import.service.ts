import { type ImportIssue, type ImportResult, type ImportRow } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { AuditService } from '../../audit/audit.service';
import { DirectoryGroupEntity } from '../directory-group.entity';
import { DirectoryUserEntity } from '../directory-user.entity';
import { DirectoryService } from '../directory.service';
import { MembershipStore } from '../membership/membership.store';
import { type ImportedGroup, type ImportedUser, parseImport } from './parse-import';

const USER_FIELDS = ['displayName', 'email', 'onPremisesSamAccountName', 'onPremisesDistinguishedName'] as const;

interface Plan {
  rows: ImportRow[];
  errors: ImportIssue[];
  users: { item: ImportedUser; existing: DirectoryUserEntity | undefined; changes: string[] }[];
  groups: { name: string; description: string | null | undefined; existing: DirectoryGroupEntity | undefined; changes: string[] }[];
  memberships: { kind: 'users' | 'nesting'; group: string; member: string; exists: boolean }[];
}

/**
 * Imports users and groups, idempotent by UPN and group name (case-insensitive): a second run of
 * the same file changes nothing. Additive: memberships missing from the file are kept. The whole
 * file is validated first; with any error nothing is written.
 */
@Injectable()
export class ImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly membership: MembershipStore,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
  ) {}

  async run(actor: string, format: 'csv' | 'json', content: string, dryRun: boolean): Promise<ImportResult> {
    const parsed = parseImport(format, content);
    const plan = await this.plan(this.ds.manager, parsed.users, parsed.groups);
    const errors = [...parsed.errors, ...plan.errors];
    const result = (applied: boolean): ImportResult => ({ dryRun, valid: errors.length === 0, applied, rows: plan.rows, errors, totals: totals(plan) });
    if (dryRun) return result(false);
    if (errors.length) {
      await this.audit.record({ actor, action: 'directory.import', outcome: 'failure', details: { format, errors: errors.length } });
      // Thrown as a ZodError so the problem body lists each error with its location.
      throw new z.ZodError(errors.map((e) => ({ code: 'custom', path: [e.location], message: e.message, input: undefined })));
    }
    const touchedGroups = await this.ds.transaction((m) => this.apply(m, plan));
    await this.audit.record({ actor, action: 'directory.import', details: { format, ...totals(plan) } });
    if (touchedGroups.length) await this.directory.nudge(touchedGroups, 'directory import');
    return result(true);
  }

  private async plan(m: EntityManager, users: ImportedUser[], groups: ImportedGroup[]): Promise<Plan> {
    const plan: Plan = { rows: [], errors: [], users: [], groups: [], memberships: [] };
    const upns = users.map((u) => u.userPrincipalName.toLowerCase());
    const existingUsers = upns.length
      ? await m.getRepository(DirectoryUserEntity).createQueryBuilder('u').where('lower(u.userPrincipalName) IN (:...upns)', { upns }).getMany()
      : [];
    const userByUpn = new Map(existingUsers.map((u) => [u.userPrincipalName.toLowerCase(), u]));

    // Every group named anywhere: defined in the file, a user's group, or a nested member group.
    const named = new Map<string, { name: string; location: string; def?: ImportedGroup }>();
    for (const g of groups) named.set(g.name.toLowerCase(), { name: g.name, location: g.location, def: g });
    for (const g of groups) for (const c of g.memberGroups) if (!named.has(c.toLowerCase())) named.set(c.toLowerCase(), { name: c, location: g.location });
    for (const u of users) for (const g of u.groups) if (!named.has(g.toLowerCase())) named.set(g.toLowerCase(), { name: g, location: u.location });
    const existingGroups = named.size
      ? await m.getRepository(DirectoryGroupEntity).createQueryBuilder('g').where('lower(g.name) IN (:...names)', { names: [...named.keys()] }).getMany()
      : [];
    const groupByName = new Map(existingGroups.map((g) => [g.name.toLowerCase(), g]));

    for (const [key, { name, location, def }] of named) {
      const existing = groupByName.get(key);
      const description = def?.description;
      const changes = !existing ? ['new group'] : description !== undefined && (description ?? null) !== existing.description ? ['description'] : [];
      plan.groups.push({ name: existing?.name ?? name, description, existing, changes });
      plan.rows.push({ location, kind: 'group', key: existing?.name ?? name, action: !existing ? 'create' : changes.length ? 'update' : 'unchanged', changes });
      for (const child of def?.memberGroups ?? []) {
        if (child.toLowerCase() === key) plan.errors.push({ location, message: `group "${name}" cannot contain itself` });
      }
    }
    for (const item of users) {
      const existing = userByUpn.get(item.userPrincipalName.toLowerCase());
      const changes = existing ? USER_FIELDS.filter((f) => (item[f] ?? null) !== existing[f]) : ['new user'];
      plan.users.push({ item, existing, changes: [...changes] });
      plan.rows.push({ location: item.location, kind: 'user', key: existing?.userPrincipalName ?? item.userPrincipalName, action: !existing ? 'create' : changes.length ? 'update' : 'unchanged', changes: [...changes] });
    }

    const userGroups = await this.membership.groupsOfUsers(existingUsers.map((u) => u.id), m);
    const graph = await this.membership.graph(m);
    for (const { item, existing } of plan.users) {
      const have = new Set(existing ? (userGroups.get(existing.id) ?? []) : []);
      for (const g of item.groups) {
        const group = groupByName.get(g.toLowerCase());
        const exists = !!(existing && group && have.has(group.id));
        plan.memberships.push({ kind: 'users', group: g.toLowerCase(), member: item.userPrincipalName.toLowerCase(), exists });
        plan.rows.push({ location: item.location, kind: 'membership', key: `${item.userPrincipalName} → ${group?.name ?? g}`, action: exists ? 'unchanged' : 'create', changes: [] });
      }
    }
    for (const g of groups) {
      const parent = groupByName.get(g.name.toLowerCase());
      const children = new Set(parent ? graph.descendants([parent.id]) : []);
      for (const c of g.memberGroups.filter((x) => x.toLowerCase() !== g.name.toLowerCase())) {
        const child = groupByName.get(c.toLowerCase());
        const exists = !!(parent && child && children.has(child.id) && graph.directParents(child.id).includes(parent.id));
        plan.memberships.push({ kind: 'nesting', group: g.name.toLowerCase(), member: c.toLowerCase(), exists });
        plan.rows.push({ location: g.location, kind: 'membership', key: `${child?.name ?? c} in ${parent?.name ?? g.name}`, action: exists ? 'unchanged' : 'create', changes: [] });
      }
    }
    return plan;
  }

  /** Writes the plan; returns the ids of groups that gained members (their devices get nudged). */
  private async apply(m: EntityManager, plan: Plan): Promise<string[]> {
    const users = m.getRepository(DirectoryUserEntity);
    const groups = m.getRepository(DirectoryGroupEntity);
    const groupIds = new Map<string, string>();
    for (const g of plan.groups) {
      if (!g.existing) {
        const row = await groups.save(groups.create({ name: g.name, description: g.description ?? null }));
        groupIds.set(g.name.toLowerCase(), row.id);
      } else {
        if (g.changes.length) await groups.update({ id: g.existing.id }, { description: g.description ?? null });
        groupIds.set(g.existing.name.toLowerCase(), g.existing.id);
      }
    }
    const userIds = new Map<string, string>();
    for (const { item, existing, changes } of plan.users) {
      const fields = { displayName: item.displayName, email: item.email, onPremisesSamAccountName: item.onPremisesSamAccountName, onPremisesDistinguishedName: item.onPremisesDistinguishedName };
      if (!existing) {
        const row = await users.save(users.create({ userPrincipalName: item.userPrincipalName, ...fields }));
        userIds.set(item.userPrincipalName.toLowerCase(), row.id);
      } else {
        if (changes.length) await users.update({ id: existing.id }, fields);
        userIds.set(item.userPrincipalName.toLowerCase(), existing.id);
      }
    }
    const touched = new Set<string>();
    for (const ms of plan.memberships.filter((x) => !x.exists)) {
      const groupId = groupIds.get(ms.group)!;
      const memberId = ms.kind === 'users' ? userIds.get(ms.member)! : groupIds.get(ms.member)!;
      if (await this.membership.add(ms.kind, groupId, memberId, m)) touched.add(groupId);
    }
    return [...touched];
  }
}

function totals(plan: Plan): ImportResult['totals'] {
  const count = (kind: ImportRow['kind'], action: ImportRow['action']) => plan.rows.filter((r) => r.kind === kind && r.action === action).length;
  return {
    users: { create: count('user', 'create'), update: count('user', 'update'), unchanged: count('user', 'unchanged') },
    groups: { create: count('group', 'create'), update: count('group', 'update'), unchanged: count('group', 'unchanged') },
    memberships: { create: count('membership', 'create'), unchanged: count('membership', 'unchanged') },
  };
}
