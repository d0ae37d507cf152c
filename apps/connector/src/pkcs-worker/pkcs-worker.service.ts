import { PKCS_JOB_KIND, type LeasedJob, pkcsCompletionResponseSchema, pkcsJobPayloadSchema } from '@certlab/contracts';
import type { Certificate } from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { computerIdentityLocation } from '../ca-identity/computer-identity-location';
import { ConnectorCaIdentity } from '../ca-identity/connector-ca-identity';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '../config';
import { CloudRefusal } from '../registration/cloud-client';
import { CloudRegistrationService } from '../registration/cloud-registration.service';
import { PKCS_WORKER_CONFIG, type PkcsWorkerConfig } from './pkcs-worker.config';
import { StepFailure, runPkcsRequest } from './pkcs-request';

/**
 * The PKCS worker loop: lease (long poll) → steps 3–8 → lease again. One request at a time per
 * connector process; more connectors drain the same queue. A lost lease (the cloud answers 409)
 * drops the request: another connector owns it now.
 */
@Injectable()
export class PkcsWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('PkcsWorker');
  private stopped = false;
  private identity?: ConnectorCaIdentity;

  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    @Inject(PKCS_WORKER_CONFIG) private readonly worker: PkcsWorkerConfig,
    private readonly cloud: CloudRegistrationService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.worker.PKCS_WORKER_ENABLED !== 'true' || !this.config.CLOUD_DEVICE_URL) return;
    void this.run();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  private async run(): Promise<void> {
    const data = this.config.CERTLAB_DATA_DIR;
    try {
      this.identity = await ConnectorCaIdentity.open(computerIdentityLocation(data, this.worker), () => this.stopped);
    } catch (err) {
      if (!this.stopped) this.log.error(`the PKCS worker cannot start: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.log.log(`PKCS worker ready as CA identity ${this.identity.certificate.subject}`);
    while (!this.stopped) {
      let jobs: LeasedJob[] = [];
      let pauseMs = 0;
      try {
        if (this.cloud.state !== 'registered') {
          pauseMs = 1000;
        } else {
          const answer = await this.cloud.leaseJobs({ kinds: [PKCS_JOB_KIND], max: 1, waitSeconds: this.worker.PKCS_LEASE_WAIT_SECONDS });
          jobs = answer.jobs;
          pauseMs = jobs.length ? 0 : answer.retryAfterSeconds * 1000;
        }
      } catch (err) {
        this.log.warn(`lease failed: ${err instanceof Error ? err.message : String(err)}`);
        pauseMs = 2000;
      }
      for (const job of jobs) await this.handle(job);
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs).unref());
    }
  }

  private async handle(job: LeasedJob): Promise<void> {
    const parsed = pkcsJobPayloadSchema.safeParse(job.payload);
    const post = (action: string, body: Record<string, unknown>) => this.cloud.post(`/api/connector/pkcs/${job.id}/${action}`, { attempt: job.attempt, ...body }, pkcsCompletionResponseSchema);
    if (!parsed.success) {
      await post('fail', { step: 3, reason: `the job does not match the PKCS contract: ${parsed.error.issues[0]?.message ?? 'invalid'}` }).catch(() => undefined);
      return;
    }
    const payload = parsed.data;
    const log = (step: number, message: string) => this.log.log(`flow=pkcs step=${step} request=${job.id} attempt=${job.attempt} ${message}`);
    log(2, `leased (subject ${payload.subject}, until ${job.leaseExpiresAt})`);
    try {
      await runPkcsRequest(payload, {
        identity: this.identity!,
        pause: () => new Promise((r) => setTimeout(r, this.worker.PKCS_STEP_DELAY_MS)),
        log,
        cloud: {
          checkpoint: async (escrowedKey: Uint8Array, caRequestId: number | null) => {
            await post('checkpoint', { escrowedKey: Buffer.from(escrowedKey).toString('base64'), caRequestId });
          },
          upload: async (pfx: Uint8Array, encryptedPassword: Uint8Array, certificate: Certificate, caRequestId: number) => {
            await post('upload', { pfx: Buffer.from(pfx).toString('base64'), encryptedPassword: Buffer.from(encryptedPassword).toString('base64'), certificate: certificate.pem, caRequestId });
          },
        },
      });
    } catch (err) {
      if (err instanceof CloudRefusal && err.status === 409) {
        this.log.warn(`flow=pkcs request=${job.id} attempt=${job.attempt} dropped: ${err.message}`);
        return;
      }
      const failure = err instanceof StepFailure ? err : new StepFailure(3, err instanceof Error ? err.message : String(err));
      this.log.warn(`flow=pkcs step=${failure.step} request=${job.id} attempt=${job.attempt} failed: ${failure.message}`);
      await post('fail', { step: failure.step, reason: failure.message.slice(0, 2000), ...(failure.code ? { code: failure.code.slice(0, 128) } : {}) }).catch((e: unknown) =>
        this.log.warn(`flow=pkcs request=${job.id} could not report the failure: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
  }
}
