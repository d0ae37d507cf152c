import type { LeasedJob } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import type { ConnectorEntity } from './connector.entity';

/** A queue connectors lease from (PKCS requests, PFX re-encryptions, revocations): each feature registers its own. */
export interface JobQueue {
  readonly kind: string;
  /** Leases up to `max` jobs to this connector now; an empty list when there are none. */
  lease(connector: ConnectorEntity, max: number): Promise<LeasedJob[]>;
}

/** Where queues register, so the lease endpoint knows them without importing their features. */
@Injectable()
export class JobQueues {
  private readonly queues = new Map<string, JobQueue>();

  register(queue: JobQueue): void {
    this.queues.set(queue.kind, queue);
  }

  matching(kinds: string[] | undefined): JobQueue[] {
    return [...this.queues.values()].filter((q) => !kinds || kinds.includes(q.kind));
  }
}
