import {
  type LeasedJob,
  PFX_JOB_KIND,
  type PfxDeliveryState,
  type PfxDeliveryView,
  type PfxDeviceBundle,
  type PfxDeviceRequestResponse,
  type PfxDeviceResult,
  type PfxJobCompleteRequest,
  type PfxJobFailRequest,
  type PfxJobPayload,
} from '@certlab/contracts';
import { Certificate, EnvelopedCms } from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConnectorEntity } from '../connectors/connector.entity';
import { JobQueues } from '../connectors/job-queues';
import { DESIRED_STATE, type DesiredStatePort } from '../device-channel/desired-state.port';
import type { DeviceEntity } from '../devices/device.entity';
import { CloudEvents } from '../events/cloud-events';
import { COMPLETION_REFUSALS, checkCompletion, leaseTo } from '../pkcs/lease-state';
import { identifiesCertificate } from './connector-certificates.service';
import { PfxErrors } from './pfx-errors';
import { ImportedPfxEntity, PfxConnectorCertificateEntity, PfxDeliveryEntity } from './pfx-import.entities';

/** How long a PFX connector holds a re-encryption job: it is a millisecond's work plus two calls. */
const LEASE_SECONDS = 30;

/**
 * Steps 5–10 on the cloud's side. (5) A device asks for the imported certificates of its profile
 * over mTLS; the cloud records the Device Management certificate it authenticated with and
 * queues one delivery per certificate. (6) A PFX connector that published the certificate the
 * password is protected with leases it (`FOR UPDATE SKIP LOCKED`) and receives the encrypted
 * password, the PFX and the device certificate. (9) It returns the password re-encrypted to the
 * device; the cloud checks the envelope is addressed to that device and keeps it. (10) The device
 * fetches PFX and envelope and reports. The cloud handles envelopes only, never the password.
 */
@Injectable()
export class PfxDeliveryService implements OnModuleInit {
  private readonly log = new Logger('PfxDelivery');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DESIRED_STATE) private readonly desired: DesiredStatePort,
    private readonly queues: JobQueues,
    private readonly events: CloudEvents,
  ) {}

  onModuleInit(): void {
    this.queues.register({ kind: PFX_JOB_KIND, lease: (connector, max) => this.lease(connector, max) });
  }

  /** Step 5. */
  async request(device: DeviceEntity, profileId: string, managementCertificateDer: Uint8Array): Promise<PfxDeviceRequestResponse> {
    const profile = (await this.desired.forDevice(device.id)).find((p) => p.profileId === profileId);
    if (!profile || profile.type !== 'pkcsImported') throw PfxErrors.profileNotApplicable(`Profile ${profileId} is not an imported PKCS profile in effect on this device.`);
    const dm = Certificate.parse(managementCertificateDer);
    if (dm.thumbprintSha256 !== device.managementCertificateThumbprint) throw PfxErrors.notReady("the presented certificate is not the device's current Device Management certificate");
    const queued: string[] = [];
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(PfxDeliveryEntity);
      for (const c of profile.payload.certificates) {
        const existing = await repo.findOneBy({ deviceId: device.id, profileId, importedPfxId: c.importedPfxId });
        if (!existing) {
          await repo.insert({ importedPfxId: c.importedPfxId, deviceId: device.id, profileId, deviceCertificate: dm.pem, deviceCertificateThumbprint: dm.thumbprintSha256, state: 'queued', step: 5 });
          queued.push(c.importedPfxId);
        } else if (existing.deviceCertificateThumbprint !== dm.thumbprintSha256 && existing.state !== 'leased') {
          // A renewed Device Management certificate: an envelope for the old key is useless to the device now.
          await repo.update({ id: existing.id }, { deviceCertificate: dm.pem, deviceCertificateThumbprint: dm.thumbprintSha256, state: 'queued', step: 5, failureReason: null, reencryptedPassword: null, updatedAt: new Date() });
          queued.push(c.importedPfxId);
        }
      }
    });
    for (const id of queued) this.log.log(`flow=pfx step=5 device=${device.id} imported=${id} queued for a PFX connector`);
    const rows = await this.ds.getRepository(PfxDeliveryEntity).findBy({ deviceId: device.id, profileId });
    const wanted = new Map(profile.payload.certificates.map((c) => [c.importedPfxId, c]));
    return {
      profileId,
      deliveries: rows
        .filter((r) => wanted.has(r.importedPfxId))
        .map((r): PfxDeliveryView => ({
          deliveryId: r.id,
          importedPfxId: r.importedPfxId,
          thumbprintSha256: wanted.get(r.importedPfxId)!.thumbprintSha256,
          notAfter: wanted.get(r.importedPfxId)!.notAfter,
          state: r.state,
          failureReason: r.failureReason,
          bundlePath: r.state === 'ready' ? `/api/device/pfx/deliveries/${r.id}/bundle` : null,
        })),
    };
  }

  /** Step 6: only deliveries whose password is protected by a certificate this connector published. */
  async lease(connector: ConnectorEntity, max: number): Promise<LeasedJob[]> {
    const leased = await this.ds.transaction(async (m) => {
      const now = new Date();
      const ids = await m
        .getRepository(PfxDeliveryEntity)
        .createQueryBuilder('d')
        .select('d.id', 'id')
        .innerJoin(ImportedPfxEntity, 'i', 'i.id = d.importedPfxId')
        .where(`(d.state = 'queued' OR (d.state = 'leased' AND d.leaseExpiresAt <= :now))`, { now })
        .andWhere((qb) => `i.connectorThumbprint IN ${qb.subQuery().select('c.thumbprintSha256').from(PfxConnectorCertificateEntity, 'c').where('c.connectorId = :connectorId').getQuery()}`, { connectorId: connector.id })
        .orderBy('d.createdAt', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .limit(max)
        .setLock('pessimistic_write', undefined, ['d'])
        .setOnLocked('skip_locked')
        .getRawMany<{ id: string }>();
      const out: { row: PfxDeliveryEntity; pfx: ImportedPfxEntity }[] = [];
      for (const { id } of ids) {
        const row = await m.getRepository(PfxDeliveryEntity).findOneByOrFail({ id });
        const next = leaseTo({ ...row, state: row.state === 'leased' ? 'leased' : 'queued' }, connector.id, now, LEASE_SECONDS);
        await m.getRepository(PfxDeliveryEntity).update({ id }, { state: 'leased', step: 6, leaseOwner: next.leaseOwner, leaseExpiresAt: next.leaseExpiresAt, attempts: next.attempts, updatedAt: now });
        out.push({ row: { ...row, attempts: next.attempts, leaseExpiresAt: next.leaseExpiresAt }, pfx: await m.getRepository(ImportedPfxEntity).findOneByOrFail({ id: row.importedPfxId }) });
      }
      return out;
    });
    return leased.map(({ row, pfx }) => {
      this.log.log(`flow=pfx step=6 delivery=${row.id} device=${row.deviceId} imported=${pfx.id} leased to connector ${connector.name} attempt=${row.attempts}`);
      const payload: PfxJobPayload = {
        deliveryId: row.id,
        pfx: Buffer.from(pfx.pfx).toString('base64'),
        encryptedPassword: Buffer.from(pfx.encryptedPassword).toString('base64'),
        connectorThumbprint: pfx.connectorThumbprint,
        deviceCertificate: row.deviceCertificate,
        expectedThumbprintSha256: pfx.thumbprintSha256,
      };
      return { id: row.id, kind: PFX_JOB_KIND, attempt: row.attempts, leaseExpiresAt: row.leaseExpiresAt!.toISOString(), payload };
    });
  }

  /** Step 9. */
  async complete(connector: ConnectorEntity, id: string, body: PfxJobCompleteRequest): Promise<PfxDeliveryState> {
    const row = await this.ds.transaction(async (m) => {
      const held = await this.holding(m, connector, id, body.attempt);
      let envelope: EnvelopedCms;
      try {
        envelope = EnvelopedCms.parse(new Uint8Array(Buffer.from(body.encryptedPassword, 'base64')));
      } catch {
        throw PfxErrors.reencryptionInvalid('the re-encrypted password is not CMS EnvelopedData');
      }
      if (!envelope.recipients.some((r) => identifiesCertificate(r.rid, Certificate.parse(held.deviceCertificate)))) {
        throw PfxErrors.reencryptionInvalid('its recipient is not the device certificate of this delivery');
      }
      await m.getRepository(PfxDeliveryEntity).update({ id }, { state: 'ready', step: 9, leaseOwner: null, leaseExpiresAt: null, reencryptedPassword: Buffer.from(envelope.der), updatedAt: new Date() });
      return held;
    });
    this.log.log(`flow=pfx step=9 delivery=${id} device=${row.deviceId} password re-encrypted by connector ${connector.name} for the device`);
    this.events.emit('devices.desiredStateChanged', { deviceIds: [row.deviceId], reason: 'imported certificate ready' });
    return 'ready';
  }

  async fail(connector: ConnectorEntity, id: string, body: PfxJobFailRequest): Promise<PfxDeliveryState> {
    const row = await this.ds.transaction(async (m) => {
      const held = await this.holding(m, connector, id, body.attempt);
      await m.getRepository(PfxDeliveryEntity).update({ id }, { state: 'failed', step: body.step, failureReason: body.reason, leaseOwner: null, leaseExpiresAt: null, updatedAt: new Date() });
      return held;
    });
    this.log.warn(`flow=pfx step=${body.step} delivery=${id} device=${row.deviceId} failed at connector ${connector.name}: ${body.reason}`);
    this.events.emit('devices.desiredStateChanged', { deviceIds: [row.deviceId], reason: `imported certificate failed at step ${body.step}` });
    return 'failed';
  }

  /** Step 10: the PFX and the envelope only this device's key opens. */
  async bundle(device: DeviceEntity, id: string, managementCertificateDer: Uint8Array): Promise<PfxDeviceBundle> {
    const row = await this.ds.getRepository(PfxDeliveryEntity).findOneBy({ id, deviceId: device.id });
    if (!row) throw PfxErrors.deliveryNotFound(`No delivery ${id} for this device.`);
    if (row.state !== 'ready' || !row.reencryptedPassword) throw PfxErrors.notReady(`The delivery is ${row.state}.`);
    if (Certificate.parse(managementCertificateDer).thumbprintSha256 !== row.deviceCertificateThumbprint) throw PfxErrors.notReady('the password was re-encrypted for another Device Management certificate; request again');
    const pfx = await this.ds.getRepository(ImportedPfxEntity).findOneByOrFail({ id: row.importedPfxId });
    this.log.log(`flow=pfx step=10 delivery=${id} device=${device.id} forwarded PKCS#12 and re-encrypted password`);
    return { deliveryId: id, pfx: Buffer.from(pfx.pfx).toString('base64'), encryptedPassword: Buffer.from(row.reencryptedPassword).toString('base64'), thumbprintSha256: pfx.thumbprintSha256 };
  }

  async result(device: DeviceEntity, id: string, body: PfxDeviceResult): Promise<PfxDeliveryState> {
    const row = await this.ds.getRepository(PfxDeliveryEntity).findOneBy({ id, deviceId: device.id });
    if (!row) throw PfxErrors.deliveryNotFound(`No delivery ${id} for this device.`);
    const pfx = await this.ds.getRepository(ImportedPfxEntity).findOneByOrFail({ id: row.importedPfxId });
    if (row.state === 'delivered' && body.status === 'succeeded') return 'delivered';
    if (row.state !== 'ready') throw PfxErrors.notReady(`The delivery is ${row.state}.`);
    if (body.status === 'succeeded' && body.thumbprintSha256.toUpperCase() !== pfx.thumbprintSha256) throw PfxErrors.thumbprintMismatch(`Imported ${pfx.thumbprintSha256}, reported ${body.thumbprintSha256}.`);
    const now = new Date();
    await this.ds
      .getRepository(PfxDeliveryEntity)
      .update(
        { id },
        body.status === 'succeeded'
          ? { state: 'delivered', step: 10, deliveredAt: now, reencryptedPassword: null, updatedAt: now }
          : { state: 'failed', step: 10, failureReason: body.reason, reencryptedPassword: null, updatedAt: now },
      );
    this.log.log(`flow=pfx step=10 delivery=${id} device=${device.id} ${body.status}`);
    return body.status === 'succeeded' ? 'delivered' : 'failed';
  }

  private async holding(m: EntityManager, connector: ConnectorEntity, id: string, attempt: number): Promise<PfxDeliveryEntity> {
    const row = await m.getRepository(PfxDeliveryEntity).createQueryBuilder('d').where('d.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!row) throw PfxErrors.deliveryNotFound(`No delivery has id ${id}.`);
    const check = checkCompletion({ state: row.state === 'leased' ? 'leased' : 'issued', leaseOwner: row.leaseOwner, leaseExpiresAt: row.leaseExpiresAt, attempts: row.attempts }, connector.id, attempt);
    if (!check.ok) throw PfxErrors.leaseLost(COMPLETION_REFUSALS[check.why]);
    return row;
  }
}
