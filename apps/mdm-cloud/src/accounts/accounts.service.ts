import type { AccountListQuery, ConsoleAccountView, CreateAccountRequest, Page, UpdateAccountRequest } from '@certlab/contracts';
import { escapeLike } from '@certlab/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CloudErrors } from '../errors';
import { ConsoleAccount } from './console-account.entity';
import { ConsoleSession } from './console-session.entity';
import { PasswordHasher } from './password-hasher';

/** Console accounts an administrator manages; passwords only ever as argon2id hashes. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(ConsoleAccount) private readonly accounts: Repository<ConsoleAccount>,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async list(query: AccountListQuery): Promise<Page<ConsoleAccountView>> {
    const qb = this.accounts.createQueryBuilder('a');
    if (query.search) qb.andWhere('(a.username ILIKE :s OR a.displayName ILIKE :s)', { s: `%${escapeLike(query.search)}%` });
    if (query.role) qb.andWhere('a.role = :role', { role: query.role });
    qb.orderBy(`a.${query.sort ?? 'username'}`, query.order === 'desc' ? 'DESC' : 'ASC').addOrderBy('a.id');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toView), total, page: query.page, pageSize: query.pageSize };
  }

  async create(actor: string, req: CreateAccountRequest): Promise<ConsoleAccountView> {
    if (await this.accounts.createQueryBuilder('a').where('lower(a.username) = lower(:u)', { u: req.username }).getExists()) {
      throw CloudErrors.accountExists(`"${req.username}" is taken.`);
    }
    const passwordHash = await this.hasher.hash(req.password);
    const row = await this.accounts.save(this.accounts.create({ username: req.username, displayName: req.displayName, role: req.role, passwordHash, disabledAt: null }));
    await this.audit.record({ actor, action: 'account.create', target: row.username, details: { role: row.role } });
    return toView(row);
  }

  async update(actor: string, id: string, req: UpdateAccountRequest): Promise<ConsoleAccountView> {
    const updated = await this.ds.transaction(async (m) => {
      const accounts = m.getRepository(ConsoleAccount);
      const before = await accounts.findOneBy({ id });
      if (!before) throw CloudErrors.accountNotFound(`No console account has id ${id}.`);
      const losesAdmin = before.role === 'administrator' && !before.disabledAt && (req.disabled === true || (req.role !== undefined && req.role !== 'administrator'));
      if (losesAdmin) {
        // Locked so two administrators demoting each other at once cannot leave none.
        const admins = await accounts.createQueryBuilder('a').setLock('pessimistic_write').where({ role: 'administrator', disabledAt: IsNull() }).getMany();
        if (admins.length <= 1) throw CloudErrors.lastAdministrator(`${before.username} is the only active administrator; make another one first.`);
      }
      const changes: Partial<ConsoleAccount> = {};
      if (req.displayName !== undefined) changes.displayName = req.displayName;
      if (req.role !== undefined) changes.role = req.role;
      if (req.disabled !== undefined) changes.disabledAt = req.disabled ? (before.disabledAt ?? new Date()) : null;
      if (req.password !== undefined) changes.passwordHash = await this.hasher.hash(req.password);
      await accounts.update({ id }, changes);
      // A disabled account, a changed role or a new password ends every session of the account.
      if (req.disabled || req.role !== undefined || req.password !== undefined) await m.getRepository(ConsoleSession).delete({ accountId: id });
      return { before, after: await accounts.findOneByOrFail({ id }) };
    });
    const changed = Object.keys(req).filter((k) => req[k as keyof UpdateAccountRequest] !== undefined);
    await this.audit.record({
      actor,
      action: 'account.update',
      target: updated.after.username,
      // Which fields changed, never the password itself.
      details: { changed, role: updated.after.role, disabled: updated.after.disabledAt !== null, ...(req.role ? { previousRole: updated.before.role } : {}) },
    });
    return toView(updated.after);
  }
}

function toView(a: ConsoleAccount): ConsoleAccountView {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    disabled: a.disabledAt !== null,
    createdAt: a.createdAt.toISOString(),
    lastSignInAt: a.lastSignInAt?.toISOString() ?? null,
  };
}
