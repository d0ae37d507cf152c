import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DeviceEntity } from '../devices/device.entity';
import { DirectoryController } from './directory.controller';
import { DirectoryGroupEntity } from './directory-group.entity';
import { DirectoryUserEntity } from './directory-user.entity';
import { DirectoryService } from './directory.service';
import { ImportService } from './import/import.service';
import { MembershipStore } from './membership/membership.store';

/** The tenant directory: users, groups nested in groups, and devices as group members. */
@Module({
  imports: [TypeOrmModule.forFeature([DirectoryUserEntity, DirectoryGroupEntity, DeviceEntity]), AuditModule],
  controllers: [DirectoryController],
  providers: [DirectoryService, MembershipStore, ImportService],
  exports: [DirectoryService, MembershipStore],
})
export class DirectoryModule {}
