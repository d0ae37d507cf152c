import { ServiceModule } from '@certlab/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { type CaConfig, SERVICE_NAME } from './config';
import { caMigrations } from './migrations';

@Module({})
export class CaModule {
  static forRoot(config: CaConfig, version: string): DynamicModule {
    return {
      module: CaModule,
      imports: [
        ServiceModule.forRoot({
          name: SERVICE_NAME,
          version,
          logLevel: config.LOG_LEVEL,
          database: { databaseUrl: config.DATABASE_URL, dataDir: config.CERTLAB_DATA_DIR, entities: [], migrations: caMigrations },
        }),
      ],
    };
  }
}
