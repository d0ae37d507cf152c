import { ServiceModule } from '@certlab/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { ConsoleAccount } from './accounts/console-account.entity';
import { ConsoleSession } from './accounts/console-session.entity';
import { AuditEventEntity } from './audit/audit-event.entity';
import { AuditModule } from './audit/audit.module';
import { ConnectorRegistrationTokenEntity } from './connectors/connector-registration-token.entity';
import { ConnectorEntity } from './connectors/connector.entity';
import { ConnectorsModule } from './connectors/connectors.module';
import { DeviceChannelModule } from './device-channel/device-channel.module';
import { DevicesModule } from './devices/devices.module';
import { EnrollmentModule } from './enrollment/enrollment.module';
import { DeviceEntity } from './devices/device.entity';
import { EnrollmentTokenEntity } from './enrollment/enrollment-token.entity';
import { CLOUD_CONFIG, type CloudConfig, SERVICE_NAME } from './config';
import { DirectoryGroupEntity } from './directory/directory-group.entity';
import { DirectoryUserEntity } from './directory/directory-user.entity';
import { DirectoryModule } from './directory/directory.module';
import { CertificateAuthoritiesModule } from './certificate-authorities/certificate-authorities.module';
import { EventsModule } from './events/events.module';
import { cloudMigrations } from './migrations';
import { PlatformController } from './platform/platform.controller';
import { PKCS_ENTITIES, PkcsModule } from './pkcs/pkcs.module';
import { PFX_IMPORT_ENTITIES, PfxImportModule } from './pfx-import/pfx-import.module';
import { PROFILE_ENTITIES, ProfilesModule } from './profiles/profiles.module';
import { SCEP_VALIDATION_ENTITIES, ScepValidationModule } from './scep-validation';
import { SeedService } from './seed/seed.service';

export const CLOUD_ENTITIES = [ConsoleAccount, ConsoleSession, AuditEventEntity, DirectoryUserEntity, DirectoryGroupEntity, DeviceEntity, EnrollmentTokenEntity, ConnectorEntity, ConnectorRegistrationTokenEntity, ...PROFILE_ENTITIES, ...SCEP_VALIDATION_ENTITIES, ...PKCS_ENTITIES, ...PFX_IMPORT_ENTITIES];

@Module({})
export class CloudModule {
  static forRoot(config: CloudConfig, version: string): DynamicModule {
    return {
      module: CloudModule,
      imports: [
        ServiceModule.forRoot({
          name: SERVICE_NAME,
          version,
          logLevel: config.LOG_LEVEL,
          database: { databaseUrl: config.DATABASE_URL, dataDir: config.CERTLAB_DATA_DIR, entities: CLOUD_ENTITIES, migrations: cloudMigrations },
        }),
        { module: ConfigHolder, global: true, providers: [{ provide: CLOUD_CONFIG, useValue: config }], exports: [CLOUD_CONFIG] },
        EventsModule,
        AuditModule,
        AccountsModule,
        DirectoryModule,
        CertificateAuthoritiesModule,
        DevicesModule,
        EnrollmentModule,
        DeviceChannelModule,
        ConnectorsModule,
        ProfilesModule,
        ScepValidationModule,
        PkcsModule,
        PfxImportModule,
      ],
      controllers: [PlatformController],
      providers: [SeedService],
    };
  }
}

@Module({})
class ConfigHolder {}
