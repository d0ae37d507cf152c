import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DatabaseModule } from './database/database.module';
import type { DatabaseSettings } from './database/data-source';
import { HealthController, SERVICE_IDENTITY, type ServiceIdentity } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { ServiceLoggerModule } from './logging/logger.module';

export interface ServiceModuleOptions extends ServiceIdentity {
  logLevel: string;
  database: Omit<DatabaseSettings, 'service'>;
}

/**
 * What every certlab service imports once at its root: logs, database with migrations,
 * health, and problem+json errors. Feature modules then only bring their own entities.
 */
@Module({})
export class ServiceModule {
  static forRoot(options: ServiceModuleOptions): DynamicModule {
    return {
      module: ServiceModule,
      global: true,
      imports: [
        ServiceLoggerModule.forService(options.name, options.logLevel),
        DatabaseModule.forService({ ...options.database, service: options.name }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_IDENTITY, useValue: { name: options.name, version: options.version } },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [SERVICE_IDENTITY],
    };
  }
}
