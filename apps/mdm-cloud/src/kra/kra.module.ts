import { Module } from '@nestjs/common';
import { MdmCaModule } from '../mdm-ca/mdm-ca.module';
import { KraService } from './kra.service';

/** The PKCS Key Recovery Agent: its key in the cloud's simulated HSM, its certificate from the MDM CA. */
@Module({ imports: [MdmCaModule], providers: [KraService], exports: [KraService] })
export class KraModule {}
