import {
  type AccountListQuery,
  accountListQuerySchema,
  type ConsoleAccountView,
  type CreateAccountRequest,
  createAccountRequestSchema,
  type Page,
  type UpdateAccountRequest,
  updateAccountRequestSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import type { ConsoleAccount } from './console-account.entity';
import { CurrentAccount } from './session.guard';

/** Console accounts: operators may list them; only administrators change them (the global guard). */
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  list(@Query(new ZodPipe(accountListQuerySchema)) query: AccountListQuery): Promise<Page<ConsoleAccountView>> {
    return this.accounts.list(query);
  }

  @Post()
  create(@CurrentAccount() account: ConsoleAccount, @Body(new ZodPipe(createAccountRequestSchema)) body: CreateAccountRequest): Promise<ConsoleAccountView> {
    return this.accounts.create(account.username, body);
  }

  @Patch(':id')
  update(
    @CurrentAccount() account: ConsoleAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(updateAccountRequestSchema)) body: UpdateAccountRequest,
  ): Promise<ConsoleAccountView> {
    return this.accounts.update(account.username, id, body);
  }
}
