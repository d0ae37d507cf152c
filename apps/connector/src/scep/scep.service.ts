import { type CertRepReply, buildGetCaCertResponse, serializeCaCaps, type GetCaCertResponse, type ScepCapability } from '@certlab/pki-core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '../config';
import { CloudScepPolicyClient } from '../policy/policy-client';
import { RaService } from '../ra/ra.service';
import { composeCsrSigner } from './compose';
import { PkiOperation } from './pki-operation';
import { ScepTransactionEntity } from './transaction.entity';

/**
 * What NDES answers (RFC 8894 §3.5.2). No SHA-1 and no single DES: clients that can only do
 * those are refused by their own capability check rather than served weakly. Renewal is offered
 * because RenewalReq goes the same way as PKCSReq (a new challenge is validated).
 */
export const NDES_CAPABILITIES: readonly ScepCapability[] = ['POSTPKIOperation', 'SHA-256', 'SHA-512', 'AES', 'DES3', 'Renewal', 'SCEPStandard', 'GetNextCACert'];

@Injectable()
export class ScepService {
  private readonly log = new Logger('NDES');
  private operation?: PkiOperation;

  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    private readonly ra: RaService,
    private readonly policy: CloudScepPolicyClient,
    @InjectRepository(ScepTransactionEntity) private readonly transactions: Repository<ScepTransactionEntity>,
  ) {}

  caps(): string {
    return serializeCaCaps(NDES_CAPABILITIES);
  }

  /**
   * RA signing certificate, RA encryption certificate, issuing CA, root — as NDES sends its two RA
   * certificates before the CA chain. Clients encrypt to the one with keyEncipherment and verify
   * CertReps with the one that signs them (it is also in each CertRep).
   */
  caCert(): GetCaCertResponse {
    return buildGetCaCertResponse(this.ra.ra.getCaCertificates);
  }

  pkiOperation(der: Uint8Array): Promise<CertRepReply> {
    this.operation ??= new PkiOperation(
      this.ra.ra,
      composeCsrSigner({
        transactions: this.transactions,
        policy: this.policy,
        ra: this.ra.ra,
        ca: this.ra.ca,
        templates: { device: this.config.SCEP_TEMPLATE_DEVICE, user: this.config.SCEP_TEMPLATE_USER },
        log: this.log,
      }),
      this.log,
    );
    return this.operation.handle(der);
  }
}
