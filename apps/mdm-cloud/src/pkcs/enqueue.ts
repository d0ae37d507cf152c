import { PROFILE_SETTINGS_SCHEMAS } from '@certlab/contracts';
import type { EntityManager } from 'typeorm';
import type { DeviceEntity } from '../devices/device.entity';
import type { ProfileEntity } from '../profiles/profile.entity';
import { type PkcsJobSpec, PkcsRequestEntity, PkcsRequestEventEntity } from './pkcs-request.entity';
import { renderFor } from './render';

/**
 * Step 2: the request of this device for this PKCS profile version, queued on first sight.
 * Intune delivers user certificates per device too, so there is one request per device either
 * way: a device certificate names the device, a user certificate names the device's primary
 * user. A subject that cannot be rendered fails the request at step 2 with the reason, visible
 * per device, instead of sending a connector something the CA would refuse.
 */
export async function ensurePkcsRequest(m: EntityManager, profile: ProfileEntity, device: DeviceEntity): Promise<PkcsRequestEntity> {
  const repo = m.getRepository(PkcsRequestEntity);
  const existing = await repo.findOneBy({ deviceId: device.id, profileId: profile.id, profileVersion: profile.version });
  if (existing && existing.state !== 'cancelled' && existing.state !== 'revoked') return existing;
  if (existing) return requeue(m, existing);
  const settings = PROFILE_SETTINGS_SCHEMAS.pkcs.parse(profile.settings);
  const rendered = renderFor(settings, device, device.owner);
  const job: PkcsJobSpec = {
    profileName: profile.name,
    certificateType: settings.certificateType,
    caHost: settings.certificationAuthority,
    caName: settings.certificationAuthorityName,
    template: settings.certificateTemplateName,
    subject: rendered.ok ? rendered.subject : '',
    subjectAlternativeNames: rendered.ok ? rendered.sans : [],
    keySize: settings.keySize,
    keyStorageProvider: settings.keyStorageProvider,
  };
  const inserted = await repo
    .createQueryBuilder()
    .insert()
    .values({
      profileId: profile.id,
      profileVersion: profile.version,
      deviceId: device.id,
      userId: settings.certificateType === 'user' ? device.ownerId : null,
      certificateType: settings.certificateType,
      state: rendered.ok ? 'queued' : 'failed',
      step: 2,
      failedStep: rendered.ok ? null : 2,
      failureReason: rendered.ok ? null : rendered.reason,
      job,
    })
    .orIgnore()
    .returning('id')
    .execute();
  const id = (inserted.raw as { id: string }[])[0]?.id;
  if (id) {
    await m.getRepository(PkcsRequestEventEntity).insert({
      requestId: id,
      state: rendered.ok ? 'queued' : 'failed',
      step: 2,
      actor: 'cloud',
      message: rendered.ok ? `queued for a connector: ${job.subject} from ${job.caHost}\\${job.caName} on template ${job.template}` : `failed at step 2: ${rendered.reason}`,
    });
  }
  return repo.findOneByOrFail({ deviceId: device.id, profileId: profile.id, profileVersion: profile.version });
}

/** The device has the profile again after losing it: the same request starts over with a new key. */
async function requeue(m: EntityManager, row: PkcsRequestEntity): Promise<PkcsRequestEntity> {
  const res = await m.getRepository(PkcsRequestEntity).update(
    { id: row.id, state: row.state },
    {
      state: 'queued',
      step: 2,
      failedStep: null,
      failureReason: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      escrowedKey: null,
      caRequestId: null,
      pfx: null,
      encryptedPassword: null,
      certificate: null,
      deliveredAt: null,
      updatedAt: new Date(),
    },
  );
  if (res.affected === 1) {
    await m.getRepository(PkcsRequestEventEntity).insert({ requestId: row.id, state: 'queued', step: 2, actor: 'cloud', message: `the device has the profile again (the request was ${row.state}): queued for a new certificate` });
  }
  return m.getRepository(PkcsRequestEntity).findOneByOrFail({ id: row.id });
}
