import { type CaRevocationReason, caCertificateSchema, type DesiredProfile } from '@certlab/contracts';
import { AppError } from '@certlab/service-kit';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { CaAdminClient } from '../certificate-authorities/ca-admin-client';
import { DESIRED_STATE, type DesiredStatePort } from '../device-channel/desired-state.port';
import { CloudEvents } from '../events/cloud-events';
import { PkcsRequestEntity, PkcsRequestEventEntity } from './pkcs-request.entity';
import { type SweepAction, sweepAction } from './sweep-rules';

const ACTOR = 'cloud';

/**
 * The end of a PKCS certificate's life on the cloud's side. When a device leaves a PKCS profile
 * (unassigned, profile deleted, device retired or wiped), its requests still in the queue or at a
 * connector are cancelled and certificates already issued are revoked at the CA
 * (cessationOfOperation); when a new profile version is delivered, the old version's certificate
 * is revoked as superseded. Each step lands in the request's history. The device removes the key
 * and certificate on its next check-in (the profile is no longer desired).
 */
@Injectable()
export class PkcsLifecycleService implements OnModuleInit {
  private readonly log = new Logger('PkcsLifecycle');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DESIRED_STATE) private readonly desired: DesiredStatePort,
    private readonly ca: CaAdminClient,
    private readonly events: CloudEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('devices.desiredStateChanged', ({ deviceIds }) => void this.sweepDevices(deviceIds));
    this.events.on('devices.stateChanged', ({ deviceIds }) => void this.sweepDevices(deviceIds));
  }

  async sweepDevices(deviceIds: string[]): Promise<void> {
    for (const id of deviceIds) {
      try {
        await this.sweep(id);
      } catch (err) {
        this.log.warn(`flow=pkcs device=${id}: could not reconcile its PKCS requests (${err instanceof Error ? err.message : String(err)})`);
      }
    }
  }

  /** Compares the device's PKCS requests with the profiles in effect for it now, and acts on the difference. */
  async sweep(deviceId: string): Promise<void> {
    const wanted = await this.desired.forDevice(deviceId).catch((err: unknown) => {
      // A device deleted outright has no desired state: everything it held goes.
      if (err instanceof AppError && err.status === 404) return [] as DesiredProfile[];
      throw err;
    });
    const current = new Map(wanted.filter((p) => p.type === 'pkcs').map((p) => [p.profileId, p.version]));
    const rows = await this.ds.getRepository(PkcsRequestEntity).findBy({ deviceId, state: In(['queued', 'leased', 'issued', 'delivered', 'failed']) });
    const deliveredNow = new Set(rows.filter((r) => r.state === 'delivered' && current.get(r.profileId) === r.profileVersion).map((r) => r.profileId));
    for (const row of rows) {
      const action = sweepAction(row, current.get(row.profileId), deliveredNow.has(row.profileId));
      if (action) await this.apply(row, action);
    }
  }

  /**
   * A connector finished a request that was cancelled while it held the lease: the certificate
   * exists at the CA but no device will get it, so it is revoked at once.
   */
  async revokeOrphan(requestId: string, serialNumber: string, connectorName: string): Promise<void> {
    await this.revoke(requestId, serialNumber, 'cessationOfOperation', `connector ${connectorName} finished after the request was cancelled`);
  }

  private async apply(row: PkcsRequestEntity, action: SweepAction): Promise<void> {
    if (action.kind === 'cancel') {
      // The lease owner and attempt stay, so a late upload from that connector is recognised and its certificate revoked.
      const res = await this.ds
        .getRepository(PkcsRequestEntity)
        .update({ id: row.id, state: row.state, attempts: row.attempts }, { state: 'cancelled', leaseExpiresAt: null, escrowedKey: null, pfx: null, encryptedPassword: null, updatedAt: new Date() });
      if (res.affected !== 1) return; // it moved meanwhile; the next sweep sees where it went
      await this.event(row.id, 'cancelled', row.step, `cancelled while ${row.state}: ${action.why}`);
      this.log.log(`flow=pkcs step=${row.step} request=${row.id} device=${row.deviceId} cancelled: ${action.why}`);
      return;
    }
    if (!row.certificate) return;
    await this.revoke(row.id, row.certificate.serialNumber, action.reason, action.why);
  }

  private async revoke(requestId: string, serialNumber: string, reason: CaRevocationReason, why: string): Promise<void> {
    let outcome: string;
    try {
      await this.ca.call('POST', `/api/certificates/${serialNumber}/revoke`, caCertificateSchema, 'mdm-cloud pkcs', { reason });
      outcome = `certificate ${serialNumber} revoked at the CA (${reason}): ${why}`;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'alreadyRevoked')) {
        // The request keeps its state, so the next change for this device tries again.
        const message = `revoking certificate ${serialNumber} at the CA failed (${err instanceof Error ? err.message : String(err)}); tried again on the device's next change`;
        await this.event(requestId, null, null, message);
        this.log.warn(`flow=pkcs request=${requestId} ${message}`);
        return;
      }
      outcome = `certificate ${serialNumber} was already revoked at the CA: ${why}`;
    }
    await this.ds.transaction(async (m) => {
      const row = await m.getRepository(PkcsRequestEntity).findOneBy({ id: requestId });
      if (!row) return;
      await m.getRepository(PkcsRequestEntity).update({ id: requestId }, { state: 'revoked', leaseExpiresAt: null, escrowedKey: null, pfx: null, encryptedPassword: null, updatedAt: new Date() });
      await m.getRepository(PkcsRequestEventEntity).insert({ requestId, state: 'revoked', step: null, actor: ACTOR, message: outcome });
    });
    this.log.log(`flow=pkcs request=${requestId} ${outcome}`);
  }

  /** A history entry; `state` null keeps the request's current state on the entry. */
  private async event(requestId: string, state: PkcsRequestEntity['state'] | null, step: number | null, message: string): Promise<void> {
    const row = state ? null : await this.ds.getRepository(PkcsRequestEntity).findOneBy({ id: requestId });
    await this.ds.getRepository(PkcsRequestEventEntity).insert({ requestId, state: state ?? row?.state ?? 'failed', step, actor: ACTOR, message });
  }
}
