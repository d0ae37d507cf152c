import { Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeviceEntity } from '../../devices/device.entity';
import { DirectoryModule } from '../../directory/directory.module';
import { SCEP_TARGETING, type ScepTargetingPort } from '../../scep-validation/targeting.port';
import { ProfileAssignmentEntity, ProfileEntity } from '../profile.entity';
import { TargetingService } from '../targeting/targeting.service';

/** The validation service's question (ScepProfileNoLongerTargetedToTheClient), answered by the effective set. */
@Injectable()
export class ScepTargeting implements ScepTargetingPort {
  constructor(private readonly targeting: TargetingService) {}

  async isTargeted(deviceId: string, profileId: string): Promise<boolean> {
    const found = await this.targeting.forDevice(deviceId);
    if (!found || found.device.state !== 'enrolled') return false;
    return found.targeting.some((t) => t.profileId === profileId && t.applies);
  }
}

/**
 * Binds SCEP_TARGETING for the SCEP validation module. A module of its own because the profiles
 * module already imports SCEP validation (for challenges): importing back would be a cycle.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DeviceEntity, ProfileEntity, ProfileAssignmentEntity]), DirectoryModule],
  providers: [TargetingService, ScepTargeting, { provide: SCEP_TARGETING, useExisting: ScepTargeting }],
  exports: [SCEP_TARGETING],
})
export class ScepTargetingModule {}
