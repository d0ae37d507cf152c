import { type IssuedScepChallenge, type ScepChallengeIssue, scepChallengeIssueSchema } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ScepChallengeEntity } from './scep-validation.entities';
import { ScepIssuanceService } from './issuance.service';

/** 32 random bytes as 64 hex digits: a PrintableString every SCEP client and shell passes unchanged. */
export const CHALLENGE_PATTERN = /^[0-9a-f]{64}$/;

export function hashChallenge(challenge: string): string {
  return createHash('sha256').update(challenge, 'utf8').digest('hex');
}

/**
 * Issues SCEP challenges (seed SCEP step 1). The SCEP profile type calls `issue` when it builds a
 * device's SCEP payload at check-in, passing the subject, SANs, key and usages it rendered for
 * that device; the challenge travels only inside that payload and is stored here only hashed.
 */
@Injectable()
export class ScepChallengeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly issuance: ScepIssuanceService,
  ) {}

  async issue(input: ScepChallengeIssue, actor = 'cloud'): Promise<IssuedScepChallenge> {
    const request = scepChallengeIssueSchema.parse(input);
    const challenge = randomBytes(32).toString('hex');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + request.validForMinutes * 60_000);
    const row = await this.db.transaction(async (m) => {
      const saved = await m.getRepository(ScepChallengeEntity).save(
        m.getRepository(ScepChallengeEntity).create({
          challengeHash: hashChallenge(challenge),
          deviceId: request.deviceId,
          profileId: request.profileId,
          profileVersion: request.profileVersion,
          expected: request.expected,
          createdAt: now,
          expiresAt,
          state: 'issued',
          usedAt: null,
          usedTransactionId: null,
          usedCsrSha256: null,
          usedByConnectorId: null,
        }),
      );
      await this.issuance.transition(
        { deviceId: request.deviceId, profileId: request.profileId, profileVersion: request.profileVersion },
        'challengeIssued',
        { actor, challengeId: saved.id, transactionId: null, csrSha256: null, errorCode: null, hResult: null, errorDescription: null, detail: `challenge valid until ${expiresAt.toISOString()}` },
        m,
      );
      return saved;
    });
    return { challengeId: row.id, challenge, expiresAt: expiresAt.toISOString() };
  }
}
