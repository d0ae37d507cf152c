import { ServiceModule } from '@certlab/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaAuditService } from './audit/audit.service';
import { CA_CONFIG, type CaConfig, SERVICE_NAME } from './config';
import { CA_ENTITIES } from './entities';
import { AdminController } from './hierarchy/admin.controller';
import { CaKeyVault } from './hierarchy/ca-key-vault';
import { HierarchyService } from './hierarchy/hierarchy.service';
import { TlsCredentialsService } from './http/tls-credentials.service';
import { IdentitiesController } from './identities/identities.controller';
import { IdentitiesService } from './identities/identities.service';
import { IdentityGuard } from './identities/identity.guard';
import { IdentityLookupService } from './identities/identity-lookup.service';
import { caMigrations } from './migrations';
import { CrlService } from './publishing/crl.service';
import { OcspService } from './publishing/ocsp.service';
import { PublishingController } from './publishing/publishing.controller';
import { CertificatesService } from './requests/certificates.service';
import { CertificatesController, RequestsController } from './requests/requests.controller';
import { RequestsService } from './requests/requests.service';
import { TemplatesService } from './templates/templates.service';

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
          database: { databaseUrl: config.DATABASE_URL, dataDir: config.CERTLAB_DATA_DIR, entities: CA_ENTITIES, migrations: caMigrations },
        }),
        TypeOrmModule.forFeature(CA_ENTITIES),
      ],
      controllers: [PublishingController, IdentitiesController, RequestsController, CertificatesController, AdminController],
      providers: [
        { provide: CA_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: IdentityGuard },
        CaAuditService,
        CaKeyVault,
        HierarchyService,
        CrlService,
        OcspService,
        TemplatesService,
        IdentityLookupService,
        RequestsService,
        CertificatesService,
        IdentitiesService,
        TlsCredentialsService,
      ],
    };
  }
}
