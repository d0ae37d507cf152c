import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ConsoleAccount } from './console-account.entity';
import { ConsoleSession } from './console-session.entity';
import { PasswordHasher } from './password-hasher';
import { SessionGuard } from './session.guard';

/** Console accounts, sign-in sessions, and the guard that protects every admin route. */
@Module({
  imports: [TypeOrmModule.forFeature([ConsoleAccount, ConsoleSession]), AuditModule],
  controllers: [AuthController, AccountsController],
  providers: [AuthService, AccountsService, PasswordHasher, { provide: APP_GUARD, useClass: SessionGuard }],
  exports: [PasswordHasher, TypeOrmModule],
})
export class AccountsModule {}
