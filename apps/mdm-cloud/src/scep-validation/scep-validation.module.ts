import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { ConnectorCertificateGuard } from '../connectors/connector-certificate.guard';
import { DeviceEntity } from '../devices/device.entity';
import { ScepTargetingModule } from '../profiles/scep/scep-targeting';
import { ScepChallengeService } from './challenge.service';
import { ScepIssuanceController } from './issuance.controller';
import { ScepIssuanceService } from './issuance.service';
import { SCEP_VALIDATION_ENTITIES } from './scep-validation.entities';
import { ScepValidationController } from './validation.controller';
import { ScepValidationService } from './validation.service';

/**
 * SCEP challenges, the Intune-shaped validation service for connectors, and the issuance state
 * per device and profile. Other features call `ScepChallengeService.issue` (exported).
 */
@Module({
  imports: [TypeOrmModule.forFeature([...SCEP_VALIDATION_ENTITIES, DeviceEntity]), AuditModule, ConnectorsModule, ScepTargetingModule],
  controllers: [ScepValidationController, ScepIssuanceController],
  providers: [ScepChallengeService, ScepIssuanceService, ScepValidationService, ConnectorCertificateGuard],
  exports: [ScepChallengeService, ScepIssuanceService],
})
export class ScepValidationModule {}
