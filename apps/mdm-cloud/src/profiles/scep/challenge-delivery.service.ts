import type { IssuedScepChallenge, ScepExpectedRequest } from '@certlab/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { DataSource, Repository } from 'typeorm';
import { CLOUD_CONFIG, type CloudConfig, SERVICE_NAME } from '../../config';
import { keystorePassphrase } from '../../mdm-ca/keystore-passphrase';
import { ScepChallengeService } from '../../scep-validation';
import { ScepChallengeEntity } from '../../scep-validation/scep-validation.entities';
import { ScepChallengeDeliveryEntity } from './challenge-delivery.entity';

/** A challenge is handed out again only while it has this much life left; a fresh one is minted after. */
const MIN_REMAINING_MS = 10 * 60_000;

/**
 * Gives a device the challenge for its SCEP payload: the one it was already given when that is
 * unexpired, unused and bound to the same profile version and rendering, else a new one from the
 * challenge service. Check-ins are frequent; challenges are minted only when needed.
 */
@Injectable()
export class ChallengeDeliveryService {
  private key?: Buffer;
  private readonly inflight = new Map<string, Promise<IssuedScepChallenge>>();

  constructor(
    @Inject(CLOUD_CONFIG) private readonly config: CloudConfig,
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(ScepChallengeDeliveryEntity) private readonly deliveries: Repository<ScepChallengeDeliveryEntity>,
    private readonly challenges: ScepChallengeService,
  ) {}

  /**
   * Check-ins of one device can overlap (a nudge arrives while a periodic check-in runs). Without
   * care both would miss the delivery table and mint two challenges; so a call waits for any call
   * still running for the same device and profile version, then finds what that one delivered.
   * This holds within one cloud process; several instances would need an advisory lock instead.
   */
  async forDevice(key: { deviceId: string; profileId: string; profileVersion: number }, expected: ScepExpectedRequest): Promise<IssuedScepChallenge> {
    const slot = `${key.deviceId}:${key.profileId}:${key.profileVersion}`;
    const previous = this.inflight.get(slot) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.reuseOrIssue(key, expected));
    this.inflight.set(slot, current);
    try {
      return await current;
    } finally {
      if (this.inflight.get(slot) === current) this.inflight.delete(slot);
    }
  }

  private async reuseOrIssue(key: { deviceId: string; profileId: string; profileVersion: number }, expected: ScepExpectedRequest): Promise<IssuedScepChallenge> {
    const expectedSha256 = createHash('sha256').update(JSON.stringify(expected)).digest('hex');
    const reusable = await this.ds
      .getRepository(ScepChallengeDeliveryEntity)
      .createQueryBuilder('d')
      .innerJoin(ScepChallengeEntity, 'c', 'c.id = d.challengeId')
      .where('d.deviceId = :deviceId AND d.profileId = :profileId AND d.profileVersion = :profileVersion', key)
      .andWhere('d.expectedSha256 = :expectedSha256', { expectedSha256 })
      .andWhere("c.state = 'issued' AND c.expiresAt > :until", { until: new Date(Date.now() + MIN_REMAINING_MS) })
      .orderBy('d.expiresAt', 'DESC')
      .getOne();
    if (reusable) return { challengeId: reusable.challengeId, challenge: this.open(reusable.sealed), expiresAt: reusable.expiresAt.toISOString() };

    const issued = await this.challenges.issue({ ...key, expected, validForMinutes: 60 });
    // Older deliveries for this device and profile are superseded: drop their sealed copies.
    await this.deliveries.delete({ deviceId: key.deviceId, profileId: key.profileId });
    await this.deliveries.insert({ challengeId: issued.challengeId, ...key, expectedSha256, sealed: this.seal(issued.challenge), expiresAt: new Date(issued.expiresAt) });
    return issued;
  }

  /** A challenge minted for an administrator (external device): shown once, never handed out again. */
  issueOnce(key: { deviceId: string; profileId: string; profileVersion: number }, expected: ScepExpectedRequest, actor: string): Promise<IssuedScepChallenge> {
    return this.challenges.issue({ ...key, expected, validForMinutes: 60 }, actor);
  }

  private sealingKey(): Buffer {
    if (!this.key) {
      const dir = resolve(this.config.CERTLAB_DATA_DIR, SERVICE_NAME, 'keys');
      const passphrase = keystorePassphrase(this.config.MDM_KEYSTORE_PASSPHRASE, join(dir, 'master.passphrase'));
      this.key = Buffer.from(hkdfSync('sha256', passphrase, 'certlab', 'scep challenge delivery', 32));
    }
    return this.key;
  }

  private seal(challenge: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealingKey(), iv);
    const body = Buffer.concat([cipher.update(challenge, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  }

  private open(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.sealingKey(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  }
}
