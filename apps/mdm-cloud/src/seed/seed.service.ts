import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Repository } from 'typeorm';
import { ConsoleAccount } from '../accounts/console-account.entity';
import { PasswordHasher } from '../accounts/password-hasher';
import { AuditService } from '../audit/audit.service';
import { CLOUD_CONFIG, type CloudConfig, SERVICE_NAME } from '../config';
import { DirectoryService } from '../directory/directory.service';
import { DEMO_GROUPS, DEMO_USERS } from './demo-directory';

/** Where a generated first administrator password is left for `npm start` to show, readable by its owner only. */
export function initialPasswordFile(dataDir: string): string {
  return join(resolve(dataDir), SERVICE_NAME, 'initial-admin-password');
}

/**
 * First start: create the administrator and the demo tenant. Later starts find them and change
 * nothing, so a restart loses nothing and resurrects nothing an admin deleted on purpose.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @InjectRepository(ConsoleAccount) private readonly accounts: Repository<ConsoleAccount>,
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
    private readonly hasher: PasswordHasher,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.accounts.count()) > 0) return;
    await this.createAdministrator();
    if (this.config.CERTLAB_SEED_DEMO) {
      await this.directory.ensure(DEMO_USERS, DEMO_GROUPS);
      await this.audit.record({ actor: 'system', action: 'seed.demoTenant', details: { users: DEMO_USERS.length, groups: DEMO_GROUPS.length } });
      this.logger.log(`seeded the demo tenant: ${DEMO_USERS.length} users, ${DEMO_GROUPS.length} groups`);
    }
  }

  private async createAdministrator(): Promise<void> {
    const username = this.config.CERTLAB_ADMIN_USERNAME;
    let password = this.config.CERTLAB_ADMIN_PASSWORD;
    if (!password) {
      password = randomBytes(12).toString('base64url');
      const file = initialPasswordFile(this.config.CERTLAB_DATA_DIR);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, `${password}\n`, { mode: 0o600 });
      // The password itself never goes to the log; the file's path does.
      this.logger.log(`created administrator "${username}"; its generated password is in ${file}`);
    } else {
      this.logger.log(`created administrator "${username}" with the password from CERTLAB_ADMIN_PASSWORD`);
    }
    await this.accounts.insert({ username, displayName: 'certlab Administrator', role: 'administrator', passwordHash: await this.hasher.hash(password) });
    await this.audit.record({ actor: 'system', action: 'account.create', target: username, details: { role: 'administrator' } });
  }
}
