import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DevicesModule } from '../devices/devices.module';
import { DirectoryUserEntity } from '../directory/directory-user.entity';
import { MdmCaModule } from '../mdm-ca/mdm-ca.module';
import { DeviceEnrollController } from './device-enroll.controller';
import { EnrollmentTokenEntity } from './enrollment-token.entity';
import { EnrollmentTokensController } from './enrollment-tokens.controller';
import { EnrollmentService } from './enrollment.service';

/** Enrollment tokens (admin) and device enrollment (device port). */
@Module({
  imports: [TypeOrmModule.forFeature([EnrollmentTokenEntity, DirectoryUserEntity]), AuditModule, DevicesModule, MdmCaModule],
  controllers: [EnrollmentTokensController, DeviceEnrollController],
  providers: [EnrollmentService],
})
export class EnrollmentModule {}
