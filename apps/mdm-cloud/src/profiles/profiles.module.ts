import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DESIRED_STATE } from '../device-channel/desired-state.port';
import { DeviceEntity } from '../devices/device.entity';
import { DirectoryGroupEntity } from '../directory/directory-group.entity';
import { DirectoryModule } from '../directory/directory.module';
import { DesiredStateProvider } from './desired-state.provider';
import { DeviceProfileStatusEntity, DeviceProfileStatusHistoryEntity } from './device-profile-status.entity';
import { DeviceProfilesController } from './device-profiles.controller';
import { ProfileAssignmentEntity, ProfileEntity, ProfileVersionEntity } from './profile.entity';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';
import { StatusService } from './status/status.service';
import { TargetingService } from './targeting/targeting.service';
import { PkcsProfileType } from './pkcs/pkcs-profile';
import { PkcsImportedProfileType } from './pkcs-imported/pkcs-imported-profile';
import { ChallengeDeliveryService } from './scep/challenge-delivery.service';
import { ScepChallengeDeliveryEntity } from './scep/challenge-delivery.entity';
import { ScepPayloadController } from './scep/scep-payload.controller';
import { ScepProfileType } from './scep/scep-profile';
import { ScepValidationModule } from '../scep-validation';
import { CaPublication } from './trusted-root/ca-publication';

export const PROFILE_ENTITIES = [ProfileEntity, ProfileVersionEntity, ProfileAssignmentEntity, DeviceProfileStatusEntity, DeviceProfileStatusHistoryEntity, ScepChallengeDeliveryEntity];

/** Profiles, assignments, the effective set per device and device status; provides DESIRED_STATE to the device channel. */
@Module({
  imports: [TypeOrmModule.forFeature([...PROFILE_ENTITIES, DeviceEntity, DirectoryGroupEntity]), AuditModule, DirectoryModule, ScepValidationModule],
  controllers: [ProfilesController, DeviceProfilesController, ScepPayloadController],
  providers: [ProfilesService, StatusService, TargetingService, CaPublication, PkcsProfileType, PkcsImportedProfileType, ScepProfileType, ChallengeDeliveryService, DesiredStateProvider, { provide: DESIRED_STATE, useExisting: DesiredStateProvider }],
  exports: [DESIRED_STATE],
})
export class ProfilesModule {}
