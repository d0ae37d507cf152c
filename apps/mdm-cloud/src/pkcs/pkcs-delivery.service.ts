import type { PkcsDeviceBundle, PkcsDeviceBundleContent, PkcsDeviceResult, PkcsRequestState } from '@certlab/contracts';
import { Certificate, encryptCms } from '@certlab/pki-core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DeviceEntity } from '../devices/device.entity';
import { CloudEvents } from '../events/cloud-events';
import { KraService } from '../kra/kra.service';
import { PkcsErrors } from './pkcs-errors';
import { PkcsLifecycleService } from './pkcs-lifecycle.service';
import { PkcsRequestEntity } from './pkcs-request.entity';
import { PkcsQueueService } from './pkcs-queue.service';

/**
 * Steps 9 and 10 on the cloud's side. Step 9 runs when the device asks, over its mTLS channel:
 * the PFX password comes out of its KRA envelope in memory, and PKCS#12 and password go into
 * one CMS EnvelopedData (AES-256-CBC, RSA-OAEP SHA-256) to the Device Management certificate the
 * device has just authenticated with, so only that device's key opens it. The password is never
 * written anywhere in clear. Step 10's report erases the PFX and its envelope from the database.
 */
@Injectable()
export class PkcsDeliveryService {
  private readonly log = new Logger('PkcsDelivery');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly kra: KraService,
    private readonly queue: PkcsQueueService,
    private readonly events: CloudEvents,
    private readonly lifecycle: PkcsLifecycleService,
  ) {}

  async bundle(device: DeviceEntity, id: string, managementCertificateDer: Uint8Array): Promise<PkcsDeviceBundle> {
    const row = await this.ds.getRepository(PkcsRequestEntity).findOneBy({ id, deviceId: device.id });
    if (!row) throw PkcsErrors.requestNotFound(`No PKCS request ${id} for this device.`);
    if (row.state !== 'issued' || !row.pfx || !row.encryptedPassword) throw PkcsErrors.notReady(`The request is ${row.state}.`);
    // The guard matched this certificate to the device by thumbprint; check again before encrypting to it.
    const dm = Certificate.parse(managementCertificateDer);
    if (dm.thumbprintSha256 !== device.managementCertificateThumbprint) throw PkcsErrors.notReady('the presented certificate is not the device\'s current Device Management certificate');
    const password = await this.kra.decryptPassword(new Uint8Array(row.encryptedPassword));
    const content: PkcsDeviceBundleContent = { requestId: id, pfx: row.pfx.toString('base64'), password };
    const envelope = await encryptCms({
      content: new TextEncoder().encode(JSON.stringify(content)),
      recipients: [{ certificate: dm.der, keyWrap: 'rsa-oaep-sha256' }],
      cipher: 'aes-256-cbc',
    });
    if (row.step < 9) {
      await this.ds.transaction(async (m) => {
        await m.getRepository(PkcsRequestEntity).update({ id }, { step: 9, updatedAt: new Date() });
        await this.queue.event(m, id, 'issued', 9, 'cloud', `PKCS#12 re-encrypted for the Device Management certificate ${dm.serialNumber} of ${device.name}`);
      });
    }
    this.log.log(`flow=pkcs step=9 request=${id} device=${device.id} re-encrypted for the device`);
    return { requestId: id, envelope: Buffer.from(envelope).toString('base64') };
  }

  async result(device: DeviceEntity, id: string, body: PkcsDeviceResult): Promise<PkcsRequestState> {
    const row = await this.ds.getRepository(PkcsRequestEntity).findOneBy({ id, deviceId: device.id });
    if (!row) throw PkcsErrors.requestNotFound(`No PKCS request ${id} for this device.`);
    if (row.state === 'delivered' && body.status === 'succeeded' && row.certificate?.thumbprintSha256 === body.thumbprintSha256.toUpperCase()) return 'delivered';
    if (row.state !== 'issued') throw PkcsErrors.notReady(`The request is ${row.state}.`);
    if (body.status === 'succeeded' && row.certificate?.thumbprintSha256 !== body.thumbprintSha256.toUpperCase()) {
      throw PkcsErrors.thumbprintMismatch(`Issued ${row.certificate?.thumbprintSha256}, reported ${body.thumbprintSha256}.`);
    }
    const now = new Date();
    await this.ds.transaction(async (m) => {
      if (body.status === 'succeeded') {
        await m.getRepository(PkcsRequestEntity).update({ id }, { state: 'delivered', step: 10, deliveredAt: now, pfx: null, encryptedPassword: null, updatedAt: now });
        await this.queue.event(m, id, 'delivered', 10, device.name, `imported on the device as non-exportable (SHA-256 ${body.thumbprintSha256.toUpperCase()})`);
      } else {
        await m.getRepository(PkcsRequestEntity).update({ id }, { state: 'failed', step: 10, failedStep: 10, failureReason: body.reason, pfx: null, encryptedPassword: null, updatedAt: now });
        await this.queue.event(m, id, 'failed', 10, device.name, `failed at step 10: ${body.reason}`);
      }
    });
    this.log.log(`flow=pkcs step=10 request=${id} device=${device.id} ${body.status}`);
    // A new version delivered: the previous version's certificate is now superseded.
    if (body.status === 'succeeded') void this.lifecycle.sweepDevices([device.id]);
    if (body.status === 'failed') this.events.emit('devices.desiredStateChanged', { deviceIds: [device.id], reason: 'PKCS import failed' });
    return body.status === 'succeeded' ? 'delivered' : 'failed';
  }
}
