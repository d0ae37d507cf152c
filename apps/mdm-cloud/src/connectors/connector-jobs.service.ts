import type { JobLeaseResponse, jobLeaseRequestSchema } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { ConnectorEntity } from './connector.entity';

/**
 * The connector's job lease (contract in libs/contracts/src/connectors.ts). The cloud has no job
 * queue yet: PKCS requests, PFX re-encryptions and revocations arrive with their flows, each as a
 * table leased with `SELECT … FOR UPDATE SKIP LOCKED`. Until then there is truly nothing to hand
 * out, so the answer is an empty lease at once (holding the request for `waitSeconds` would only
 * tie up a connection waiting for work that cannot appear).
 */
@Injectable()
export class ConnectorJobsService {
  /** How long a connector waits before asking again when nothing was leased. */
  static readonly RETRY_AFTER_SECONDS = 15;

  async lease(_connector: ConnectorEntity, _request: z.output<typeof jobLeaseRequestSchema>): Promise<JobLeaseResponse> {
    return { jobs: [], retryAfterSeconds: ConnectorJobsService.RETRY_AFTER_SECONDS };
  }
}
