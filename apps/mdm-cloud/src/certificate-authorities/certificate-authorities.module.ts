import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CLOUD_CONFIG, type CloudConfig } from '../config';
import { CaAdminClient } from './ca-admin-client';
import { CaAdminIdentity } from './ca-admin-identity';
import { CA_RELAY_CONFIG, type CaRelayConfig, loadCaRelayConfig } from './ca-relay.config';
import { CertificateAuthoritiesController } from './certificate-authorities.controller';

/** The console's CA section, relayed to the CA's mTLS admin API. */
@Module({
  imports: [AuditModule],
  controllers: [CertificateAuthoritiesController],
  providers: [
    { provide: CA_RELAY_CONFIG, inject: [CLOUD_CONFIG], useFactory: (cloud: CloudConfig) => loadCaRelayConfig({ ...process.env, CERTLAB_DATA_DIR: cloud.CERTLAB_DATA_DIR }) },
    { provide: CaAdminIdentity, inject: [CA_RELAY_CONFIG, CLOUD_CONFIG], useFactory: (c: CaRelayConfig, cloud: CloudConfig) => new CaAdminIdentity(c, cloud.CA_URL) },
    { provide: CaAdminClient, inject: [CaAdminIdentity, CA_RELAY_CONFIG], useFactory: (id: CaAdminIdentity, c: CaRelayConfig) => new CaAdminClient(id, c.caTlsUrl) },
  ],
  exports: [CaAdminClient, CA_RELAY_CONFIG],
})
export class CertificateAuthoritiesModule {}
