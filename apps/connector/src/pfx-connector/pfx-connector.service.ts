import { type LeasedJob, PFX_JOB_KIND, pfxConnectorCertificateSchema, pfxJobCompletionResponseSchema, pfxJobPayloadSchema } from '@certlab/contracts';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { computerIdentityLocation } from '../ca-identity/computer-identity-location';
import { ConnectorCaIdentity } from '../ca-identity/connector-ca-identity';
import { CONNECTOR_CONFIG, type ConnectorConfig, SERVICE_NAME } from '../config';
import { PKCS_WORKER_CONFIG, type PkcsWorkerConfig } from '../pkcs-worker/pkcs-worker.config';
import { CloudRefusal } from '../registration/cloud-client';
import { CloudRegistrationService } from '../registration/cloud-registration.service';
import { PFX_CONNECTOR_CONFIG, type PfxConnectorConfig } from './pfx-connector.config';
import { PfxEncryptionIdentity } from './pfx-encryption-identity';
import { PfxStepFailure, reencryptPassword } from './reencrypt';

/**
 * The PFX connector role (the seed's "PFX Certificate Connector for Microsoft Intune"):
 * enrolls its encryption certificate at the CA as the connector's computer account, publishes it
 * to the cloud once registered, then leases re-encryption jobs (long poll) and runs steps 6–9:
 * decrypt the password, re-encrypt it to the device, return it. Only jobs protected by this
 * connector's certificate are leased to it.
 */
@Injectable()
export class PfxConnectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('PfxConnector');
  private stopped = false;
  private identity?: PfxEncryptionIdentity;

  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    @Inject(PKCS_WORKER_CONFIG) private readonly ca: PkcsWorkerConfig,
    @Inject(PFX_CONNECTOR_CONFIG) private readonly pfx: PfxConnectorConfig,
    private readonly cloud: CloudRegistrationService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.pfx.PFX_CONNECTOR_ENABLED !== 'true' || !this.config.CLOUD_DEVICE_URL) return;
    void this.run();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  private async run(): Promise<void> {
    const data = this.config.CERTLAB_DATA_DIR;
    const under = (p: string) => (isAbsolute(p) ? p : resolve(data, p));
    try {
      const location = computerIdentityLocation(data, this.ca);
      const identityDir = location.directory;
      // The PKCS worker of this process enrolls the computer identity on first start; two key
      // stores created at once on a fresh directory would each seal with their own salt, so this
      // role opens the identity only once the worker has written it.
      if (this.ca.PKCS_WORKER_ENABLED === 'true') await this.retrying('find the computer identity the PKCS worker enrolls', async () => {
        if (!existsSync(join(identityDir, 'identity.pem'))) throw new Error(`${identityDir} has no identity yet`);
      });
      const computer = await ConnectorCaIdentity.open(location, () => this.stopped);
      this.identity = await this.retrying('enroll the PFX connector certificate', () =>
        PfxEncryptionIdentity.open({ directory: this.pfx.PFX_CONNECTOR_DIR ? under(this.pfx.PFX_CONNECTOR_DIR) : resolve(data, SERVICE_NAME, 'pfx-connector'), caTlsUrl: this.config.CA_TLS_URL, template: this.pfx.PFX_CONNECTOR_TEMPLATE }, computer),
      );
      await this.retrying('publish the PFX connector certificate', async () => {
        if (this.cloud.state !== 'registered') throw new Error('not registered with the cloud yet');
        const identity = this.identity!;
        await this.cloud.post('/api/connector/pfx/encryption-certificate', { certificate: identity.certificate.pem, chain: identity.chain }, pfxConnectorCertificateSchema);
      });
    } catch (err) {
      if (!this.stopped) this.log.error(`the PFX connector cannot start: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.log.log(`flow=pfx step=1 PFX connector ready; passwords are encrypted to ${this.identity.certificate.subject} (SHA-256 ${this.identity.certificate.thumbprintSha256})`);
    while (!this.stopped) {
      let jobs: LeasedJob[] = [];
      let pauseMs = 0;
      try {
        const answer = await this.cloud.leaseJobs({ kinds: [PFX_JOB_KIND], max: 5, waitSeconds: this.pfx.PFX_LEASE_WAIT_SECONDS });
        jobs = answer.jobs;
        pauseMs = jobs.length ? 0 : answer.retryAfterSeconds * 1000;
      } catch (err) {
        this.log.warn(`lease failed: ${err instanceof Error ? err.message : String(err)}`);
        pauseMs = 2000;
      }
      for (const job of jobs) await this.handle(job);
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs).unref());
    }
  }

  private async handle(job: LeasedJob): Promise<void> {
    const post = (action: 'complete' | 'fail', body: Record<string, unknown>) => this.cloud.post(`/api/connector/pfx/jobs/${job.id}/${action}`, { attempt: job.attempt, ...body }, pfxJobCompletionResponseSchema);
    const parsed = pfxJobPayloadSchema.safeParse(job.payload);
    if (!parsed.success) {
      await post('fail', { step: 6, reason: `the job does not match the PFX contract: ${parsed.error.issues[0]?.message ?? 'invalid'}` }).catch(() => undefined);
      return;
    }
    const log = (step: number, message: string) => this.log.log(`flow=pfx step=${step} delivery=${job.id} attempt=${job.attempt} ${message}`);
    log(6, 'leased: encrypted password, PKCS#12 and device certificate received');
    try {
      const envelope = await reencryptPassword(parsed.data, this.identity!);
      log(8, 'password decrypted and re-encrypted to the device certificate');
      await post('complete', { encryptedPassword: Buffer.from(envelope).toString('base64') });
      log(9, 're-encrypted password returned to the cloud');
    } catch (err) {
      if (err instanceof CloudRefusal && err.status === 409) {
        this.log.warn(`flow=pfx delivery=${job.id} attempt=${job.attempt} dropped: ${err.message}`);
        return;
      }
      const failure = err instanceof PfxStepFailure ? err : new PfxStepFailure(9, err instanceof Error ? err.message : String(err), 'unexpected');
      this.log.warn(`flow=pfx step=${failure.step} delivery=${job.id} attempt=${job.attempt} failed: ${failure.message}`);
      await post('fail', { step: failure.step, reason: failure.message.slice(0, 2000), code: failure.code }).catch((e: unknown) =>
        this.log.warn(`flow=pfx delivery=${job.id} could not report the failure: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
  }

  private async retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
    let delay = 1000;
    let warned = false;
    for (;;) {
      if (this.stopped) throw new Error('stopped');
      try {
        return await fn();
      } catch (err) {
        if (!warned || delay >= 30_000) this.log.warn(`cannot ${what} yet: ${err instanceof Error ? err.message : String(err)}; retrying`);
        warned = true;
        await new Promise((r) => setTimeout(r, delay).unref());
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }
}
