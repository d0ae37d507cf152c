import { Module } from '@nestjs/common';
import { CloudRegistrationService } from './cloud-registration.service';

/** Registration with the cloud and the heartbeat (outbound mTLS only). */
@Module({ providers: [CloudRegistrationService], exports: [CloudRegistrationService] })
export class RegistrationModule {}
