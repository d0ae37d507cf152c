import {
  type Page,
  type ScepIssuance,
  type ScepIssuanceHistoryEntry,
  type ScepIssuanceListQuery,
  pageQuerySchema,
  scepIssuanceHistoryPageSchema,
  scepIssuanceListQuerySchema,
  scepIssuancePageSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchema } from './openapi-schema';
import { ScepIssuanceService } from './issuance.service';

/** Admin API: which certificate each device has from each SCEP profile, and how it got there. */
@ApiTags('SCEP issuance (admin, console session)')
@Controller('scep/issuances')
export class ScepIssuanceController {
  constructor(private readonly issuances: ScepIssuanceService) {}

  @Get()
  @ApiOperation({ summary: 'Issuance state per device and SCEP profile (filter by deviceId, profileId, state)' })
  @ApiOkResponse({ schema: openApiSchema(scepIssuancePageSchema, 'output') })
  list(@Query(new ZodPipe(scepIssuanceListQuerySchema)) q: ScepIssuanceListQuery): Promise<Page<ScepIssuance>> {
    return this.issuances.list(q);
  }

  @Get(':deviceId/:profileId/history')
  @ApiOperation({ summary: 'Every state one device went through with one SCEP profile, newest first' })
  @ApiOkResponse({ schema: openApiSchema(scepIssuanceHistoryPageSchema, 'output') })
  history(
    @Param('deviceId', ParseUUIDPipe) deviceId: string,
    @Param('profileId', ParseUUIDPipe) profileId: string,
    @Query(new ZodPipe(pageQuerySchema)) q: z.infer<typeof pageQuerySchema>,
  ): Promise<Page<ScepIssuanceHistoryEntry>> {
    return this.issuances.historyOf(deviceId, profileId, q.page, q.pageSize);
  }
}
