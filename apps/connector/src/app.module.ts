import { ServiceModule } from '@certlab/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { CONNECTOR_CONFIG, type ConnectorConfig, SERVICE_NAME } from './config';
import { connectorMigrations } from './migrations';
import { PfxConnectorModule } from './pfx-connector/pfx-connector.module';
import { PkcsWorkerModule } from './pkcs-worker/pkcs-worker.module';
import { RegistrationModule } from './registration/registration.module';
import { ScepModule } from './scep/scep.module';
import { ScepTransactionEntity } from './scep/transaction.entity';

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
          database: { databaseUrl: config.DATABASE_URL, dataDir: config.CERTLAB_DATA_DIR, entities: [ScepTransactionEntity], migrations: connectorMigrations },
        }),
        { module: ConnectorConfigHolder, global: true, providers: [{ provide: CONNECTOR_CONFIG, useValue: config }], exports: [CONNECTOR_CONFIG] },
        RegistrationModule,
        PkcsWorkerModule,
        PfxConnectorModule,
        ScepModule,
      ],
    };
  }
}

@Module({})
class ConnectorConfigHolder {}
