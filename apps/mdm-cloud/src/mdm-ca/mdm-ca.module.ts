import { Module } from '@nestjs/common';
import { MdmCaService } from './mdm-ca.service';

/** The cloud's MDM device CA: Device Management, connector and device-port TLS certificates. */
@Module({ providers: [MdmCaService], exports: [MdmCaService] })
export class MdmCaModule {}
