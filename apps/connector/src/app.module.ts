import { ServiceModule } from '@certlab/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { type ConnectorConfig, SERVICE_NAME } from './config';
import { connectorMigrations } from './migrations';

@Module({})
export class ConnectorModule {
  static forRoot(config: ConnectorConfig, version: string): DynamicModule {
    return {
      module: ConnectorModule,
      imports: [
        ServiceModule.forRoot({
          name: SERVICE_NAME,
          version,
          logLevel: config.LOG_LEVEL,
          database: { databaseUrl: config.DATABASE_URL, dataDir: config.CERTLAB_DATA_DIR, entities: [], migrations: connectorMigrations },
        }),
      ],
    };
  }
}
