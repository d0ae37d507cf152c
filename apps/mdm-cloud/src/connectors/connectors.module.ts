import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { MdmCaModule } from '../mdm-ca/mdm-ca.module';
import { ConnectorCertificateGuard } from './connector-certificate.guard';
import { ConnectorChannelController } from './connector-channel.controller';
import { ConnectorJobsService } from './connector-jobs.service';
import { ConnectorRegistrationTokenEntity } from './connector-registration-token.entity';
import { ConnectorEntity } from './connector.entity';
import { ConnectorsController, ConnectorTokensController } from './connectors.controller';
import { ConnectorsService } from './connectors.service';
import { JobQueues } from './job-queues';
import { LocalConnectorToken } from './local-connector-token';

/** Connectors: registration tokens, registration, heartbeat, job lease, and the admin list. */
@Module({
  imports: [TypeOrmModule.forFeature([ConnectorEntity, ConnectorRegistrationTokenEntity]), AuditModule, MdmCaModule],
  controllers: [ConnectorsController, ConnectorTokensController, ConnectorChannelController],
  providers: [ConnectorsService, ConnectorJobsService, ConnectorCertificateGuard, LocalConnectorToken, JobQueues],
  exports: [ConnectorsService, JobQueues],
})
export class ConnectorsModule {}
