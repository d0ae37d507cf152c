import {
  type DesiredProfile,
  type ProfileStatusReport,
  PROFILE_SETTINGS_SCHEMAS,
  type Platform,
  type ScepExpectedRequest,
  type ScepPayload,
  type ScepPayloadResponse,
  type ScepSettings,
  type ScepSettingsView,
  SCEP_KEY_OPTIONS,
  renewalDue,
  scepSettingsSchema,
} from '@certlab/contracts';
import { Certificate, toPem } from '@certlab/pki-core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { DeviceEntity } from '../../devices/device.entity';
import { CloudErrors } from '../../errors';
import { ScepIssuanceService } from '../../scep-validation';
import { ScepIssuanceEntity } from '../../scep-validation/scep-validation.entities';
import { ProfileAssignmentEntity, ProfileEntity } from '../profile.entity';
import { ChallengeDeliveryService } from './challenge-delivery.service';
import { renderExpected } from './render';
import { checkScepSettings } from './settings-checks';

const DAY = 86_400_000;
const VALIDITY_MS = { days: DAY, months: 30 * DAY, years: 365 * DAY } as const;

/**
 * The SCEP certificate profile type inside the profiles feature: checks its settings on save
 * (errors refuse, warnings travel with the profile), shows them, and builds each device's SCEP
 * payload at check-in (seed SCEP step 1: render subject and SANs, hand out a bound challenge).
 */
@Injectable()
export class ScepProfileType {
  private readonly log = new Logger('ScepProfile');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly deliveries: ChallengeDeliveryService,
    private readonly issuance: ScepIssuanceService,
    private readonly audit: AuditService,
  ) {}

  /** The settings as stored; refuses with every error at once. */
  async settings(input: unknown, platforms: readonly Platform[], includedGroups: readonly string[]): Promise<ScepSettings> {
    const parsed = scepSettingsSchema.safeParse(input);
    if (!parsed.success) throw CloudErrors.scepSettingsInvalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { errors } = await this.check(parsed.data, platforms, includedGroups);
    if (errors.length) throw CloudErrors.scepSettingsInvalid(errors.join(' '));
    return parsed.data;
  }

  async view(profile: ProfileEntity): Promise<ScepSettingsView> {
    const settings = PROFILE_SETTINGS_SCHEMAS.scep.parse(profile.settings);
    const included = (await this.ds.getRepository(ProfileAssignmentEntity).findBy({ profileId: profile.id, mode: 'include' })).map((a) => a.groupId);
    const { warnings, rootName } = await this.check(settings, profile.platforms, included);
    return { ...settings, trustedRootProfileName: rootName, warnings };
  }

  static summary(stored: unknown): string {
    const parsed = PROFILE_SETTINGS_SCHEMAS.scep.safeParse(stored);
    if (!parsed.success) return 'settings unreadable';
    const s = parsed.data;
    return `${s.certificateType} certificate, ${s.subjectNameFormat}, ${SCEP_KEY_OPTIONS[s.keySize].label}, via ${s.scepServerUrls[0]}`;
  }

  /** Check-in: the device's SCEP entry. Never throws for a device-specific problem: it becomes the entry. */
  async desired(profile: ProfileEntity, deviceId: string): Promise<DesiredProfile> {
    const base = { profileId: profile.id, name: profile.name, version: profile.version, type: 'scep' as const };
    const settings = PROFILE_SETTINGS_SCHEMAS.scep.parse(profile.settings);
    const installed = await this.installed(profile, settings, deviceId);
    if (installed) return { ...base, payload: installed };
    const row = await this.ds.getRepository(ScepIssuanceEntity).findOneBy({ deviceId, profileId: profile.id });
    if (row?.state === 'issuePending' && row.profileVersion === profile.version) return { ...base, payload: { state: 'pending', transactionId: row.transactionId } };
    const built = await this.build(profile, settings, deviceId, null);
    if (!built.ok) return { ...base, payload: { state: 'renderFailed', errorCode: built.errorCode, message: built.message } };
    return { ...base, payload: { state: 'ready', scep: built.payload } };
  }

  /** `GET /api/devices/:id/scep-payload/:profileId`: a fresh challenge for a stock client, shown once and audited. */
  async payloadForAdmin(actor: string, deviceId: string, profileId: string): Promise<ScepPayloadResponse> {
    const profile = await this.ds.getRepository(ProfileEntity).findOneBy({ id: profileId });
    if (!profile || profile.type !== 'scep') throw CloudErrors.profileNotFound(`No SCEP profile has id ${profileId}.`);
    const settings = PROFILE_SETTINGS_SCHEMAS.scep.parse(profile.settings);
    const built = await this.build(profile, settings, deviceId, actor);
    if (!built.ok) throw CloudErrors.scepPayloadUnavailable(built.message);
    await this.audit.record({ actor, action: 'scep.payload.issue', target: deviceId, details: { profileId, profileVersion: profile.version, challengeId: built.challengeId, subject: built.payload.subject } });
    return { ...built.payload, deviceId, profileId, profileVersion: profile.version, trustedRootCertificate: built.rootPem };
  }

  /**
   * The device's report on the status channel: a SCEP profile reported succeeded with the
   * certificate's thumbprint moves the issuance to `installed`; failed moves it to `installFailed`.
   */
  async recordReport(deviceId: string, report: ProfileStatusReport): Promise<void> {
    const key = { deviceId, profileId: report.profileId, profileVersion: report.version };
    const d = report.details ?? {};
    if (report.status === 'succeeded' && typeof d.thumbprint === 'string') {
      const current = await this.ds.getRepository(ScepIssuanceEntity).findOneBy({ deviceId, profileId: report.profileId });
      if (current?.state === 'installed' && current.thumbprint === d.thumbprint.toUpperCase()) return;
      await this.issuance.transition(key, 'installed', {
        actor: `device:${deviceId}`,
        thumbprint: d.thumbprint.toUpperCase(),
        serialNumber: typeof d.serialNumber === 'string' ? d.serialNumber.toLowerCase() : (current?.serialNumber ?? null),
        expiresAt: typeof d.expiresAt === 'string' ? new Date(d.expiresAt) : (current?.expiresAt ?? null),
        detail: `installed ${d.thumbprint}${d.keyStore ? ` in the ${d.keyStore} key store` : ''}`,
      });
    } else if (report.status === 'pending' && d.scepState === 'issuePending') {
      const current = await this.ds.getRepository(ScepIssuanceEntity).findOneBy({ deviceId, profileId: report.profileId });
      if (current?.state === 'issuePending') return;
      await this.issuance.transition(key, 'issuePending', { actor: `device:${deviceId}`, transactionId: typeof d.transactionId === 'string' ? d.transactionId : (current?.transactionId ?? null), detail: 'the CA holds the request for approval; the device polls with CertPoll' });
    } else if (report.status === 'failed' && report.errorCode && report.errorCode !== 'templateRenderFailed' && report.errorCode !== 'userRequired') {
      await this.issuance.transition(key, report.errorCode.startsWith('scep.install') ? 'installFailed' : 'requestSubmitFailed', {
        actor: `device:${deviceId}`,
        errorCode: report.errorCode,
        errorDescription: report.message?.slice(0, 255) ?? null,
        detail: `${report.errorCode}: ${report.message ?? ''}`,
      });
    }
  }

  private async installed(profile: ProfileEntity, settings: ScepSettings, deviceId: string): Promise<Extract<DesiredProfile, { type: 'scep' }>['payload'] | undefined> {
    const row = await this.ds.getRepository(ScepIssuanceEntity).findOneBy({ deviceId, profileId: profile.id });
    if (!row || row.state !== 'installed' || row.profileVersion !== profile.version || !row.thumbprint || !row.expiresAt || !row.serialNumber) return undefined;
    // The cloud knows the expiry; the profile's validity stands in for the certificate's life.
    const notBefore = new Date(row.expiresAt.getTime() - settings.validityPeriod.value * VALIDITY_MS[settings.validityPeriod.unit]);
    if (renewalDue(notBefore, row.expiresAt, settings.renewalThresholdPercent)) return undefined;
    return { state: 'installed', thumbprint: row.thumbprint, serialNumber: row.serialNumber, expiresAt: row.expiresAt.toISOString(), renewalThresholdPercent: settings.renewalThresholdPercent };
  }

  private async build(
    profile: ProfileEntity,
    settings: ScepSettings,
    deviceId: string,
    adminActor: string | null,
  ): Promise<{ ok: true; payload: ScepPayload; challengeId: string; rootPem: string } | { ok: false; errorCode: string; message: string }> {
    const device = await this.ds.getRepository(DeviceEntity).findOne({ where: { id: deviceId }, relations: { owner: true } });
    if (!device) throw CloudErrors.deviceNotFound(`No device has id ${deviceId}.`);
    if (device.state !== 'enrolled') throw CloudErrors.deviceNotEnrolled(`Device ${device.name} is ${device.state}.`);
    const rendered = renderExpected(settings, device, device.owner);
    if (!rendered.ok) {
      this.log.warn({ flow: 'scep', step: 1, deviceId, profileId: profile.id }, `SCEP payload not built: ${rendered.message}`);
      return rendered;
    }
    const rootProfile = await this.ds.getRepository(ProfileEntity).findOneBy({ id: settings.trustedRootProfileId });
    const rootSettings = rootProfile?.type === 'trustedRoot' ? PROFILE_SETTINGS_SCHEMAS.trustedRoot.safeParse(rootProfile.settings) : undefined;
    if (!rootSettings?.success) return { ok: false, errorCode: 'trustedRootMissing', message: `the trusted certificate profile ${settings.trustedRootProfileId} this SCEP profile chains to no longer exists` };
    const root = Certificate.parse(Buffer.from(rootSettings.data.certificate, 'base64'));
    const key = { deviceId, profileId: profile.id, profileVersion: profile.version };
    const issued = adminActor ? await this.deliveries.issueOnce(key, rendered.expected, adminActor) : await this.deliveries.forDevice(key, rendered.expected);
    this.log.log({ flow: 'scep', step: 1, deviceId, profileId: profile.id }, `SCEP payload for "${rendered.expected.subject}", challenge ${issued.challengeId} valid until ${issued.expiresAt}`);
    return { ok: true, payload: payloadOf(settings, rendered.expected, issued, root), challengeId: issued.challengeId, rootPem: toPem(root.der, 'CERTIFICATE') };
  }

  private async check(settings: ScepSettings, platforms: readonly Platform[], includedGroups: readonly string[]) {
    const root = await this.ds.getRepository(ProfileEntity).findOneBy({ id: settings.trustedRootProfileId });
    const rootGroups = root ? (await this.ds.getRepository(ProfileAssignmentEntity).findBy({ profileId: In([root.id]), mode: 'include' })).map((a) => a.groupId) : [];
    const result = checkScepSettings(settings, { platforms, includedGroups, root: root ? { name: root.name, type: root.type, includedGroups: rootGroups } : null });
    return { ...result, rootName: root?.name ?? null };
  }
}

function payloadOf(s: ScepSettings, expected: ScepExpectedRequest, issued: { challenge: string; expiresAt: string }, root: Certificate): ScepPayload {
  const spec = SCEP_KEY_OPTIONS[s.keySize].spec;
  return {
    scepUrls: s.scepServerUrls,
    challenge: issued.challenge,
    challengeExpiresAt: issued.expiresAt,
    certificateType: s.certificateType,
    subject: expected.subject,
    subjectAlternativeNames: expected.subjectAltNames,
    keySpec: spec.kind === 'rsa' ? { kind: 'rsa', bits: spec.bits } : { kind: 'ec', curve: spec.curve },
    keyStorageProvider: s.keyStorageProvider,
    keyUsage: expected.keyUsage,
    extendedKeyUsages: expected.extendedKeyUsage,
    hashAlgorithm: s.hashAlgorithm,
    trustedRootProfileId: s.trustedRootProfileId,
    trustedRootThumbprintSha256: root.thumbprintSha256,
    renewalThresholdPercent: s.renewalThresholdPercent,
    validityPeriod: s.validityPeriod,
  };
}
