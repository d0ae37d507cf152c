import { type DesiredProfile, type PkcsSettings, PROFILE_SETTINGS_SCHEMAS, pkcsSettingsSchema } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DeviceEntity } from '../../devices/device.entity';
import { CloudErrors } from '../../errors';
import { ensurePkcsRequest } from '../../pkcs/enqueue';
import { ProfileEntity } from '../profile.entity';

/**
 * The PKCS certificate profile type inside the profiles feature: checks its settings on save,
 * shows them, and builds each device's desired-state entry (queuing the device's request on the
 * way, so a device that gains the profile by any route gets one).
 */
@Injectable()
export class PkcsProfileType {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The settings as stored; the trusted-root profile they name must exist and be a trusted root. */
  async settings(input: unknown): Promise<PkcsSettings> {
    const settings = pkcsSettingsSchema.parse(input);
    const root = await this.ds.getRepository(ProfileEntity).findOneBy({ id: settings.trustedRootProfileId });
    if (!root || root.type !== 'trustedRoot') throw CloudErrors.profileNotFound(`No trusted certificate profile has id ${settings.trustedRootProfileId}; a PKCS profile names the trusted root its certificates chain to.`);
    return settings;
  }

  async view(stored: unknown): Promise<PkcsSettings & { trustedRootProfileName: string | null }> {
    const settings = PROFILE_SETTINGS_SCHEMAS.pkcs.parse(stored);
    const root = await this.ds.getRepository(ProfileEntity).findOneBy({ id: settings.trustedRootProfileId });
    return { ...settings, trustedRootProfileName: root?.name ?? null };
  }

  static summary(stored: unknown): string {
    const parsed = PROFILE_SETTINGS_SCHEMAS.pkcs.safeParse(stored);
    if (!parsed.success) return 'settings unreadable';
    const s = parsed.data;
    return `${s.certificateType} certificate, ${s.subjectNameFormat}, from ${s.certificationAuthority}\\${s.certificationAuthorityName} on template ${s.certificateTemplateName}`;
  }

  async desired(profile: ProfileEntity, deviceId: string): Promise<DesiredProfile> {
    const settings = PROFILE_SETTINGS_SCHEMAS.pkcs.parse(profile.settings);
    const device = await this.ds.getRepository(DeviceEntity).findOne({ where: { id: deviceId }, relations: { owner: true } });
    if (!device) throw CloudErrors.deviceNotFound(`No device has id ${deviceId}.`);
    const request = await this.ds.transaction((m) => ensurePkcsRequest(m, profile, device));
    return {
      profileId: profile.id,
      name: profile.name,
      version: profile.version,
      type: 'pkcs',
      payload: {
        requestId: request.id,
        state: request.state,
        step: request.step,
        failedStep: request.failedStep,
        failureReason: request.failureReason,
        certificateType: settings.certificateType,
        keyStorageProvider: settings.keyStorageProvider,
        bundlePath: request.state === 'issued' ? `/api/device/pkcs/${request.id}/bundle` : null,
      },
    };
  }
}
