import { type DesiredProfile, PFX_PURPOSES, PROFILE_SETTINGS_SCHEMAS, type PkcsImportedSettings, pkcsImportedSettingsSchema } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DeviceEntity } from '../../devices/device.entity';
import { CloudErrors } from '../../errors';
import { ImportedPfxEntity } from '../../pfx-import/pfx-import.entities';
import type { ProfileEntity } from '../profile.entity';

/**
 * The imported-PKCS profile type: an intended purpose and a key storage provider. A device gets
 * every imported certificate of its primary user for that purpose, newest first, expired ones
 * too (old mail must still decrypt). Nothing is generated, renewed or revoked here.
 */
@Injectable()
export class PkcsImportedProfileType {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  settings(input: unknown): PkcsImportedSettings {
    return pkcsImportedSettingsSchema.parse(input);
  }

  static summary(stored: unknown): string {
    const parsed = PROFILE_SETTINGS_SCHEMAS.pkcsImported.safeParse(stored);
    if (!parsed.success) return 'settings unreadable';
    return `imported certificates for ${PFX_PURPOSES[parsed.data.intendedPurpose].label}, ${parsed.data.keyStorageProvider}`;
  }

  async desired(profile: ProfileEntity, deviceId: string): Promise<DesiredProfile> {
    const settings = PROFILE_SETTINGS_SCHEMAS.pkcsImported.parse(profile.settings);
    const device = await this.ds.getRepository(DeviceEntity).findOneBy({ id: deviceId });
    if (!device) throw CloudErrors.deviceNotFound(`No device has id ${deviceId}.`);
    const rows = device.ownerId
      ? await this.ds.getRepository(ImportedPfxEntity).find({ where: { userId: device.ownerId, purpose: settings.intendedPurpose }, order: { notBefore: 'DESC', importedAt: 'DESC' } })
      : [];
    return {
      profileId: profile.id,
      name: profile.name,
      version: profile.version,
      type: 'pkcsImported',
      payload: {
        intendedPurpose: settings.intendedPurpose,
        keyStorageProvider: settings.keyStorageProvider,
        requestPath: `/api/device/pfx/profiles/${profile.id}/request`,
        certificates: rows.map((r) => ({ importedPfxId: r.id, thumbprintSha256: r.thumbprintSha256, notAfter: r.notAfter.toISOString() })),
        note: device.ownerId ? null : 'the device has no primary user, so no imported certificate applies',
      },
    };
  }
}
