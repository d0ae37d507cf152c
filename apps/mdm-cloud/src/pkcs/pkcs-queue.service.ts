import { type LeasedJob, PKCS_JOB_KIND, type PkcsCheckpointRequest, type PkcsFailRequest, type PkcsJobPayload, type PkcsRequestState, type PkcsUploadRequest } from '@certlab/contracts';
import { Certificate, Pkcs12, bytesEqual } from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { ConnectorEntity } from '../connectors/connector.entity';
import { JobQueues } from '../connectors/job-queues';
import { DESIRED_STATE, type DesiredStatePort } from '../device-channel/desired-state.port';
import { CloudEvents } from '../events/cloud-events';
import { KraService } from '../kra/kra.service';
import { COMPLETION_REFUSALS, canRetry, checkCompletion, leaseTo } from './lease-state';
import { PKCS_CONFIG, type PkcsConfig } from './pkcs.config';
import { PkcsErrors } from './pkcs-errors';
import { PkcsLifecycleService } from './pkcs-lifecycle.service';
import { PkcsRequestEntity, PkcsRequestEventEntity } from './pkcs-request.entity';
import { TemplatePolicies } from './template-policy';

/**
 * The PKCS request queue (steps 2–8 as the cloud sees them). Requests are queued from the
 * profiles' effective set; connectors lease them with `FOR UPDATE SKIP LOCKED` (PGlite's single
 * serialized session degrades to plain serial access, which is just as correct); a lease that
 * runs out returns the request to the next lease; every completion names its lease attempt and
 * is refused once the lease was lost.
 */
@Injectable()
export class PkcsQueueService implements OnModuleInit {
  private readonly log = new Logger('Pkcs');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(PKCS_CONFIG) private readonly config: PkcsConfig,
    @Inject(DESIRED_STATE) private readonly desired: DesiredStatePort,
    private readonly queues: JobQueues,
    private readonly events: CloudEvents,
    private readonly kra: KraService,
    private readonly templates: TemplatePolicies,
    private readonly audit: AuditService,
    private readonly lifecycle: PkcsLifecycleService,
  ) {}

  onModuleInit(): void {
    this.queues.register({ kind: PKCS_JOB_KIND, lease: (connector, max) => this.lease(connector, max) });
    // Step 2 on assignment: computing a device's desired state queues its PKCS requests.
    this.events.on('devices.desiredStateChanged', ({ deviceIds }) => void this.queueFor(deviceIds));
  }

  async queueFor(deviceIds: string[]): Promise<void> {
    for (const id of deviceIds) {
      try {
        await this.desired.forDevice(id);
      } catch (err) {
        this.log.warn(`flow=pkcs step=2 device=${id}: could not compute the desired state (${err instanceof Error ? err.message : String(err)})`);
      }
    }
  }

  async lease(connector: ConnectorEntity, max: number): Promise<LeasedJob[]> {
    const leased = await this.ds.transaction(async (m) => {
      const now = new Date();
      const rows = await m
        .getRepository(PkcsRequestEntity)
        .createQueryBuilder('r')
        .where(`(r.state = 'queued' OR (r.state = 'leased' AND r.leaseExpiresAt <= :now))`, { now })
        .orderBy('r.createdAt', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .limit(max)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const row of rows) {
        if (row.state === 'leased') await this.event(m, row.id, 'queued', row.step, 'cloud', `the lease of connector ${row.leaseOwner} ran out (attempt ${row.attempts}); back in the queue`);
        const next = leaseTo(row, connector.id, now, this.config.leaseSeconds);
        Object.assign(row, next, { updatedAt: now });
        await m.getRepository(PkcsRequestEntity).update({ id: row.id }, { ...next, updatedAt: now });
        await this.event(m, row.id, 'leased', 3, connector.name, `leased by connector ${connector.name} (attempt ${next.attempts}, until ${next.leaseExpiresAt!.toISOString()})`);
      }
      return rows;
    });
    const jobs: LeasedJob[] = [];
    for (const row of leased) {
      this.log.log(`flow=pkcs step=2 request=${row.id} device=${row.deviceId} leased to connector ${connector.name} attempt=${row.attempts}`);
      const { keyStorageProvider: _ksp, ...spec } = row.job;
      const payload: PkcsJobPayload = {
        requestId: row.id,
        ...spec,
        templatePolicy: await this.templates.of(spec.template),
        kraCertificate: this.kra.certificate.pem,
        resume: row.escrowedKey ? { caRequestId: row.caRequestId, escrowedKey: row.escrowedKey.toString('base64') } : null,
      };
      jobs.push({ id: row.id, kind: PKCS_JOB_KIND, attempt: row.attempts, leaseExpiresAt: row.leaseExpiresAt!.toISOString(), payload });
    }
    return jobs;
  }

  /** Before the CA sees the request (and again with its id): what a re-lease resumes from. Renews the lease. */
  async checkpoint(connector: ConnectorEntity, id: string, body: PkcsCheckpointRequest): Promise<PkcsRequestState> {
    return this.ds.transaction(async (m): Promise<PkcsRequestState> => {
      const row = await this.holding(m, connector, id, body.attempt);
      const step = body.caRequestId === null ? 3 : 6;
      await m.getRepository(PkcsRequestEntity).update(
        { id },
        { escrowedKey: Buffer.from(body.escrowedKey, 'base64'), caRequestId: body.caRequestId, step, leaseExpiresAt: new Date(Date.now() + this.config.leaseSeconds * 1000), updatedAt: new Date() },
      );
      const message =
        body.caRequestId === null
          ? 'key pair and PKCS#10 generated; key escrowed to the connector identity before submitting to the CA'
          : `the CA issued request ${body.caRequestId} (${row.job.caHost}\\${row.job.caName}, template ${row.job.template})`;
      if (row.step !== step || row.caRequestId !== body.caRequestId) await this.event(m, id, 'leased', step, connector.name, message);
      return 'leased';
    });
  }

  /** Steps 7–8 arrive: the PFX and the KRA-encrypted password. Checked by opening it here, in memory. */
  async upload(connector: ConnectorEntity, id: string, body: PkcsUploadRequest): Promise<PkcsRequestState> {
    const pfx = new Uint8Array(Buffer.from(body.pfx, 'base64'));
    const encryptedPassword = new Uint8Array(Buffer.from(body.encryptedPassword, 'base64'));
    const cert = parseCertificate(body.certificate);
    const problem = await this.checkPfx(pfx, encryptedPassword, cert);
    await this.revokeIfCancelled(connector, id, body.attempt, cert.serialNumber);
    const result = await this.ds.transaction(async (m) => {
      const row = await this.holding(m, connector, id, body.attempt);
      const now = new Date();
      if (problem) {
        await m.getRepository(PkcsRequestEntity).update({ id }, { ...released('failed'), failedStep: 8, failureReason: problem, step: 8, updatedAt: now });
        await this.event(m, id, 'failed', 8, connector.name, `failed at step 8: ${problem}`);
        return { row, state: 'failed' as const };
      }
      await m.getRepository(PkcsRequestEntity).update(
        { id },
        {
          ...released('issued'),
          step: 8,
          caRequestId: body.caRequestId,
          pfx: Buffer.from(pfx),
          encryptedPassword: Buffer.from(encryptedPassword),
          // The certificate is issued; the escrow has no further use.
          escrowedKey: null,
          certificate: { serialNumber: cert.serialNumber, thumbprintSha1: cert.thumbprintSha1, thumbprintSha256: cert.thumbprintSha256, notAfter: cert.notAfter.toISOString(), issuer: cert.issuer, subject: cert.subject },
          updatedAt: now,
        },
      );
      await this.event(m, id, 'issued', 8, connector.name, `PKCS#12 and KRA-encrypted password uploaded; certificate ${cert.serialNumber} (${cert.subject}) waits for the device`);
      return { row, state: 'issued' as const };
    });
    this.log.log(`flow=pkcs step=8 request=${id} device=${result.row.deviceId} ${result.state === 'issued' ? `uploaded serial=${cert.serialNumber}` : `refused: ${problem}`}`);
    if (problem) throw PkcsErrors.uploadInvalid(problem);
    this.events.emit('devices.desiredStateChanged', { deviceIds: [result.row.deviceId], reason: 'PKCS certificate ready' });
    return result.state;
  }

  async fail(connector: ConnectorEntity, id: string, body: PkcsFailRequest): Promise<PkcsRequestState> {
    const row = await this.ds.transaction(async (m) => {
      const held = await this.holding(m, connector, id, body.attempt);
      // A CA refusal makes the escrowed key useless: the retry starts over with a new key.
      await m.getRepository(PkcsRequestEntity).update({ id }, { ...released('failed'), step: body.step, failedStep: body.step, failureReason: body.reason, escrowedKey: null, caRequestId: null, updatedAt: new Date() });
      await this.event(m, id, 'failed', body.step, connector.name, `failed at step ${body.step}: ${body.reason}${body.code ? ` (${body.code})` : ''}`);
      return held;
    });
    this.log.warn(`flow=pkcs step=${body.step} request=${id} device=${row.deviceId} failed: ${body.reason}`);
    this.events.emit('devices.desiredStateChanged', { deviceIds: [row.deviceId], reason: `PKCS request failed at step ${body.step}` });
    return 'failed';
  }

  async retry(actor: string, id: string): Promise<void> {
    const row = await this.ds.transaction(async (m) => {
      const found = await m.getRepository(PkcsRequestEntity).createQueryBuilder('r').where('r.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!found) throw PkcsErrors.requestNotFound(`No PKCS request has id ${id}.`);
      if (!canRetry(found)) throw PkcsErrors.notRetryable(`The request is ${found.state}.`);
      await m.getRepository(PkcsRequestEntity).update(
        { id },
        { ...released('queued'), step: 2, failedStep: null, failureReason: null, escrowedKey: null, caRequestId: null, pfx: null, encryptedPassword: null, certificate: null, updatedAt: new Date() },
      );
      await this.event(m, id, 'queued', 2, actor, `retried by ${actor} after failing at step ${found.failedStep}: back in the queue`);
      return found;
    });
    await this.audit.record({ actor, action: 'pkcs.retry', target: id, details: { deviceId: row.deviceId, profileId: row.profileId, failedStep: row.failedStep } });
    this.events.emit('devices.desiredStateChanged', { deviceIds: [row.deviceId], reason: 'PKCS request retried' });
  }

  /** The request was cancelled while this connector held it: its certificate has no device, so it is revoked. */
  private async revokeIfCancelled(connector: ConnectorEntity, id: string, attempt: number, serialNumber: string): Promise<void> {
    const row = await this.ds.getRepository(PkcsRequestEntity).findOneBy({ id });
    if (row?.state !== 'cancelled' || row.leaseOwner !== connector.id || row.attempts !== attempt) return;
    await this.lifecycle.revokeOrphan(id, serialNumber, connector.name);
    throw PkcsErrors.leaseLost('the request was cancelled while this connector held it; its certificate was revoked');
  }

  private async holding(m: EntityManager, connector: ConnectorEntity, id: string, attempt: number): Promise<PkcsRequestEntity> {
    const row = await m.getRepository(PkcsRequestEntity).createQueryBuilder('r').where('r.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!row) throw PkcsErrors.requestNotFound(`No PKCS request has id ${id}.`);
    const check = checkCompletion(row, connector.id, attempt);
    if (!check.ok) {
      this.log.warn(`flow=pkcs request=${id} refused a completion from connector ${connector.name} attempt=${attempt}: ${check.why}`);
      throw PkcsErrors.leaseLost(COMPLETION_REFUSALS[check.why]);
    }
    return row;
  }

  private async checkPfx(pfx: Uint8Array, encryptedPassword: Uint8Array, cert: Certificate): Promise<string | undefined> {
    try {
      const password = await this.kra.decryptPassword(encryptedPassword);
      const opened = await Pkcs12.parse(pfx, password);
      if (!opened.hasPrivateKey || !opened.certificate) return 'the PKCS#12 lacks the key or the certificate';
      if (!bytesEqual(opened.certificate.der, cert.der)) return 'the PKCS#12 holds another certificate than the one reported';
      return undefined;
    } catch (err) {
      return `the PKCS#12 cannot be opened with the KRA-decrypted password (${err instanceof Error ? err.message : String(err)})`;
    }
  }

  async event(m: EntityManager, requestId: string, state: PkcsRequestState, step: number | null, actor: string, message: string): Promise<void> {
    await m.getRepository(PkcsRequestEventEntity).insert({ requestId, state, step, actor, message });
  }
}

function released(state: PkcsRequestState): Pick<PkcsRequestEntity, 'state' | 'leaseOwner' | 'leaseExpiresAt'> {
  return { state, leaseOwner: null, leaseExpiresAt: null };
}

function parseCertificate(pem: string): Certificate {
  try {
    return Certificate.parse(pem);
  } catch {
    throw PkcsErrors.uploadInvalid('the certificate is not a readable X.509 certificate');
  }
}
