import {
  type CreatedEnrollmentToken,
  type EnrollmentToken,
  type EnrollmentTokenListQuery,
  type Page,
  createEnrollmentTokenRequestSchema,
  enrollmentTokenListQuerySchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import type { ConsoleAccount } from '../accounts/console-account.entity';
import { CurrentAccount } from '../accounts/session.guard';
import { EnrollmentService } from './enrollment.service';

/** Admin API: `GET /api/enrollment-tokens`, `POST /api/enrollment-tokens` (the secret is shown once). */
@Controller('enrollment-tokens')
export class EnrollmentTokensController {
  constructor(private readonly enrollment: EnrollmentService) {}

  @Get()
  list(@Query(new ZodPipe(enrollmentTokenListQuerySchema)) query: EnrollmentTokenListQuery): Promise<Page<EnrollmentToken>> {
    return this.enrollment.list(query);
  }

  @Post()
  create(
    @Body(new ZodPipe(createEnrollmentTokenRequestSchema)) body: z.output<typeof createEnrollmentTokenRequestSchema>,
    @CurrentAccount() account: ConsoleAccount,
  ): Promise<CreatedEnrollmentToken> {
    return this.enrollment.create(body.userId, body.platform, body.validForMinutes, account.username);
  }
}
