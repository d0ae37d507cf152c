import { Module } from '@nestjs/common';
import { RegistrationModule } from '../registration/registration.module';
import { PKCS_WORKER_CONFIG, loadPkcsWorkerConfig } from './pkcs-worker.config';
import { PkcsWorkerService } from './pkcs-worker.service';

/** The PKCS connector role: leases PKCS requests from the cloud and runs steps 3–8 against the CA. */
@Module({
  imports: [RegistrationModule],
  providers: [{ provide: PKCS_WORKER_CONFIG, useFactory: () => loadPkcsWorkerConfig() }, PkcsWorkerService],
})
export class PkcsWorkerModule {}
