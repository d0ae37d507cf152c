import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { HealthResponse } from '@certlab/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DATABASE_DRIVER } from '../database/database.module';
import { Public } from '../http/public-route';
import type { DatabaseDriver } from '../database/data-source';

export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');
export interface ServiceIdentity {
  name: string;
  version: string;
}

/** `GET /api/health`: 200 when the service and its database answer, 503 otherwise. */
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_DRIVER) private readonly driver: DatabaseDriver,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const database = await this.probeDatabase();
    const status = database.status === 'up' ? 'ok' : 'degraded';
    res.status(status === 'ok' ? 200 : 503);
    return {
      service: this.identity.name,
      version: this.identity.version,
      status,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      database,
    };
  }

  private async probeDatabase(): Promise<HealthResponse['database']> {
    const started = performance.now();
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2000);
      return { status: 'up', driver: this.driver, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch (err) {
      // The reason helps an operator; it names no credentials (the URL is never included).
      return { status: 'down', driver: this.driver, error: err instanceof Error ? err.message : 'unreachable' };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
