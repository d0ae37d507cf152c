import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConnectorCertificateGuard } from '../connectors/connector-certificate.guard';
import { ConnectorsModule } from '../connectors/connectors.module';
import { DeviceCertificateGuard } from '../device-channel/device-certificate.guard';
import { DevicesModule } from '../devices/devices.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { PfxConnectorCertificates } from './connector-certificates.service';
import { ImportedPfxService } from './imported-pfx.service';
import { PfxAdminController } from './pfx-admin.controller';
import { PfxConnectorController, PfxDeviceController } from './pfx-channel.controller';
import { PfxDeliveryService } from './pfx-delivery.service';

export { PFX_IMPORT_ENTITIES } from './pfx-import.entities';

/** Imported PKCS#12: connector certificates, the imported PFX store and its upload, deliveries (steps 5–10). */
@Module({
  imports: [AuditModule, ConnectorsModule, DevicesModule, ProfilesModule],
  controllers: [PfxAdminController, PfxConnectorController, PfxDeviceController],
  providers: [PfxConnectorCertificates, ImportedPfxService, PfxDeliveryService, ConnectorCertificateGuard, DeviceCertificateGuard],
})
export class PfxImportModule {}
