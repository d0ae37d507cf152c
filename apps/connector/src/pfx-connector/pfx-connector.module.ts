import { Module } from '@nestjs/common';
import { PKCS_WORKER_CONFIG, loadPkcsWorkerConfig } from '../pkcs-worker/pkcs-worker.config';
import { RegistrationModule } from '../registration/registration.module';
import { PFX_CONNECTOR_CONFIG, loadPfxConnectorConfig } from './pfx-connector.config';
import { PfxConnectorService } from './pfx-connector.service';

/** The PFX connector role: its encryption certificate, published to the cloud, and the password re-encryption worker. */
@Module({
  imports: [RegistrationModule],
  providers: [{ provide: PFX_CONNECTOR_CONFIG, useFactory: () => loadPfxConnectorConfig() }, { provide: PKCS_WORKER_CONFIG, useFactory: () => loadPkcsWorkerConfig() }, PfxConnectorService],
})
export class PfxConnectorModule {}
