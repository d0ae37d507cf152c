import type { SessionUser } from '@certlab/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CLOUD_CONFIG, type CloudConfig } from '../config';
import { CloudErrors } from '../errors';
import { ConsoleAccount } from './console-account.entity';
import { ConsoleSession } from './console-session.entity';
import { PasswordHasher } from './password-hasher';

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const toSessionUser = (a: ConsoleAccount): SessionUser => ({ username: a.username, displayName: a.displayName, role: a.role });

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(ConsoleAccount) private readonly accounts: Repository<ConsoleAccount>,
    @InjectRepository(ConsoleSession) private readonly sessions: Repository<ConsoleSession>,
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async signIn(username: string, password: string, from: string | undefined): Promise<SignedIn> {
    const account = await this.accounts
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('lower(a.username) = lower(:username)', { username })
      .getOne();
    if (!(await this.hasher.verify(account?.passwordHash, password)) || !account || account.disabledAt) {
      await this.audit.record({ actor: username, action: 'auth.signIn', outcome: 'failure', details: { from } });
      throw CloudErrors.invalidCredentials('Check the username and password and try again.');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_MINUTES * 60_000);
    await this.sessions.insert({ tokenHash: hashToken(token), accountId: account.id, expiresAt });
    await this.accounts.update({ id: account.id }, { lastSignInAt: new Date() });
    // Expired sessions are swept on sign-in rather than by a timer: cheap and enough at this scale.
    await this.sessions.delete({ expiresAt: LessThan(new Date()) });
    await this.audit.record({ actor: account.username, action: 'auth.signIn', details: { from } });
    return { token, expiresAt, user: toSessionUser(account) };
  }

  /** The account behind a session cookie, or the reason there is none. */
  async resolve(token: string | undefined): Promise<ConsoleAccount> {
    if (!token) throw CloudErrors.notSignedIn();
    const session = await this.sessions.findOne({ where: { tokenHash: hashToken(token) }, relations: { account: true } });
    if (!session) throw CloudErrors.notSignedIn();
    if (session.account.disabledAt) throw CloudErrors.accountDisabled('Ask an administrator to enable it again.');
    if (session.expiresAt.getTime() <= Date.now()) {
      await this.sessions.delete({ tokenHash: session.tokenHash });
      throw CloudErrors.sessionExpired();
    }
    return session.account;
  }

  async signOut(token: string | undefined, actor: string): Promise<void> {
    if (token) await this.sessions.delete({ tokenHash: hashToken(token) });
    await this.audit.record({ actor, action: 'auth.signOut' });
  }
}
