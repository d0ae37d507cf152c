import type { JobLeaseResponse, LeasedJob, jobLeaseRequestSchema } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { ConnectorEntity } from './connector.entity';
import { JobQueues } from './job-queues';

/**
 * The connector's job lease (contract in libs/contracts/src/connectors.ts) over the queues the
 * features register (PKCS requests first). A long poll re-asks the queues every half second
 * until a job appears or `waitSeconds` pass; each queue leases with `FOR UPDATE SKIP LOCKED`,
 * so several connectors polling at once never get the same job.
 */
@Injectable()
export class ConnectorJobsService {
  /** How long a connector waits before asking again when nothing was leased and it did not wait. */
  static readonly RETRY_AFTER_SECONDS = 15;
  private static readonly POLL_MS = 500;

  constructor(private readonly queues: JobQueues) {}

  async lease(connector: ConnectorEntity, request: z.output<typeof jobLeaseRequestSchema>): Promise<JobLeaseResponse> {
    const queues = this.queues.matching(request.kinds);
    if (queues.length === 0) return { jobs: [], retryAfterSeconds: ConnectorJobsService.RETRY_AFTER_SECONDS };
    const deadline = Date.now() + request.waitSeconds * 1000;
    for (;;) {
      const jobs: LeasedJob[] = [];
      for (const queue of queues) {
        if (jobs.length >= request.max) break;
        jobs.push(...(await queue.lease(connector, request.max - jobs.length)));
      }
      const left = deadline - Date.now();
      // After a long poll the wait itself was the pause: ask again at once.
      if (jobs.length > 0 || left <= 0) return { jobs, retryAfterSeconds: jobs.length > 0 || request.waitSeconds > 0 ? 0 : ConnectorJobsService.RETRY_AFTER_SECONDS };
      await new Promise((r) => setTimeout(r, Math.min(ConnectorJobsService.POLL_MS, left)));
    }
  }
}
