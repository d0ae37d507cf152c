import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseDriver, dataSourceOptions, openDatabase, type DatabaseSettings } from './data-source';

export const DATABASE_DRIVER = Symbol('DATABASE_DRIVER');

/** TypeORM for a service, on PostgreSQL or PGlite, migrated before the service takes requests. */
@Module({})
export class DatabaseModule {
  static forService(settings: DatabaseSettings): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(settings),
          dataSourceFactory: (options) => openDatabase(settings, options),
        }),
      ],
      providers: [{ provide: DATABASE_DRIVER, useValue: databaseDriver(settings) }],
      exports: [DATABASE_DRIVER],
    };
  }
}
