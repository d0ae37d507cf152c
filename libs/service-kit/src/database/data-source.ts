import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { pglitePoolClass } from './pglite-pool';

export type DatabaseDriver = 'postgres' | 'pglite';

export interface DatabaseSettings {
  /** The service's name; also its PostgreSQL schema, so services can share one database. */
  service: string;
  /** PostgreSQL URL; unset means the embedded PGlite database under `dataDir/<service>/`. */
  databaseUrl?: string;
  dataDir: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

export function databaseDriver(settings: Pick<DatabaseSettings, 'databaseUrl'>): DatabaseDriver {
  return settings.databaseUrl ? 'postgres' : 'pglite';
}

/** The schema a service's tables live in: its name, as a valid identifier. */
export function schemaOf(service: string): string {
  return service.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
}

export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    schema: schemaOf(settings.service),
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'migrations',
    // Schema changes only ever come from migrations (DESIGN: never synchronize outside tests).
    synchronize: false,
    migrationsRun: false,
    logging: false,
  };
  if (settings.databaseUrl) {
    return { ...common, url: settings.databaseUrl, applicationName: `certlab-${settings.service}` };
  }
  const dataDir = resolve(settings.dataDir, settings.service, 'pgdata');
  mkdirSync(dataDir, { recursive: true });
  return { ...common, driver: { Pool: pglitePoolClass({ dataDir }) } } as DataSourceOptions;
}

/**
 * Opens the service's database and brings it to the latest migration. The schema is created
 * first because TypeORM keeps its migrations table inside it. Each migration runs in its own
 * transaction, so a failed one leaves the database at the previous version.
 */
export async function openDatabase(
  settings: DatabaseSettings,
  options: DataSourceOptions = dataSourceOptions(settings),
): Promise<DataSource> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schemaOf(settings.service)}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  return dataSource;
}
