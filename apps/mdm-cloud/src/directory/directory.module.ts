import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DirectoryController } from './directory.controller';
import { DirectoryGroupEntity } from './directory-group.entity';
import { DirectoryUserEntity } from './directory-user.entity';
import { DirectoryService } from './directory.service';

/** The tenant directory: users and groups (devices join with the device issue). */
@Module({
  imports: [TypeOrmModule.forFeature([DirectoryUserEntity, DirectoryGroupEntity])],
  controllers: [DirectoryController],
  providers: [DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
