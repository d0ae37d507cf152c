import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CloudScepPolicyClient } from '../policy/policy-client';
import { RaService } from '../ra/ra.service';
import { RegistrationModule } from '../registration/registration.module';
import { ScepService } from './scep.service';
import { ScepTransactionEntity } from './transaction.entity';

/** NDES: the SCEP endpoint, its RA, the policy module and the transaction store. */
@Module({
  imports: [TypeOrmModule.forFeature([ScepTransactionEntity]), RegistrationModule],
  providers: [RaService, CloudScepPolicyClient, ScepService],
  exports: [ScepService, RaService],
})
export class ScepModule {}
