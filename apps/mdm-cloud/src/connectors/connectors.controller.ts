import {
  type Connector,
  type ConnectorListQuery,
  type ConnectorToken,
  type ConnectorTokenListQuery,
  type CreatedConnectorToken,
  type Page,
  connectorListQuerySchema,
  connectorTokenListQuerySchema,
  createConnectorTokenRequestSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import type { ConsoleAccount } from '../accounts/console-account.entity';
import { CurrentAccount } from '../accounts/session.guard';
import { ConnectorsService } from './connectors.service';

/** Admin API: `GET /api/connectors`, `GET /api/connectors/:id`. */
@Controller('connectors')
export class ConnectorsController {
  constructor(private readonly connectors: ConnectorsService) {}

  @Get()
  list(@Query(new ZodPipe(connectorListQuerySchema)) query: ConnectorListQuery): Promise<Page<Connector>> {
    return this.connectors.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Connector> {
    return this.connectors.get(id);
  }
}

/** Admin API: `GET /api/connector-registration-tokens`, `POST …` (the secret is shown once). */
@Controller('connector-registration-tokens')
export class ConnectorTokensController {
  constructor(private readonly connectors: ConnectorsService) {}

  @Get()
  list(@Query(new ZodPipe(connectorTokenListQuerySchema)) query: ConnectorTokenListQuery): Promise<Page<ConnectorToken>> {
    return this.connectors.listTokens(query);
  }

  @Post()
  create(
    @Body(new ZodPipe(createConnectorTokenRequestSchema)) body: z.output<typeof createConnectorTokenRequestSchema>,
    @CurrentAccount() account: ConsoleAccount,
  ): Promise<CreatedConnectorToken> {
    return this.connectors.createToken(body.name, body.validForMinutes, account.username);
  }
}
