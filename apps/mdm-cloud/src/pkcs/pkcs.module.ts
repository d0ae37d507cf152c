import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CertificateAuthoritiesModule } from '../certificate-authorities/certificate-authorities.module';
import { ConnectorCertificateGuard } from '../connectors/connector-certificate.guard';
import { ConnectorsModule } from '../connectors/connectors.module';
import { DeviceCertificateGuard } from '../device-channel/device-certificate.guard';
import { DevicesModule } from '../devices/devices.module';
import { KraModule } from '../kra/kra.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { PkcsAdminController } from './pkcs-admin.controller';
import { PkcsConnectorController, PkcsDeviceController } from './pkcs-channel.controller';
import { PKCS_CONFIG, loadPkcsConfig } from './pkcs.config';
import { PkcsDeliveryService } from './pkcs-delivery.service';
import { PkcsLifecycleService } from './pkcs-lifecycle.service';
import { PkcsQueueService } from './pkcs-queue.service';
import { PkcsRequestsService } from './pkcs-requests.service';
import { PkcsWizardController } from './pkcs-wizard.controller';
import { TemplatePolicies } from './template-policy';

export { PKCS_ENTITIES } from './pkcs-request.entity';

/** The PKCS flow in the cloud: queue and leases (steps 2–8), KRA unwrap and device re-encryption (9), delivery (10), admin API. */
@Module({
  imports: [AuditModule, ConnectorsModule, DevicesModule, KraModule, ProfilesModule, CertificateAuthoritiesModule],
  controllers: [PkcsAdminController, PkcsWizardController, PkcsConnectorController, PkcsDeviceController],
  providers: [
    { provide: PKCS_CONFIG, useFactory: () => loadPkcsConfig() },
    PkcsQueueService,
    PkcsDeliveryService,
    PkcsLifecycleService,
    PkcsRequestsService,
    TemplatePolicies,
    ConnectorCertificateGuard,
    DeviceCertificateGuard,
  ],
})
export class PkcsModule {}
