import {
  SCEP_VALIDATION_RESULTS,
  type ScepFailureNotificationBody,
  type ScepSuccessNotificationBody,
  type ScepValidateRequestBody,
  type ScepValidationResponse,
  type ScepValidationResultCode,
} from '@certlab/contracts';
import { CertificateRequest } from '@certlab/pki-core';
import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { ConnectorEntity } from '../connectors/connector.entity';
import { CHALLENGE_PATTERN, hashChallenge } from './challenge.service';
import { ScepIssuanceService } from './issuance.service';
import { checkRequest } from './request-checks';
import { ScepChallengeEntity } from './scep-validation.entities';
import { SCEP_TARGETING, type ScepTargetingPort } from './targeting.port';

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
const answer = (code: ScepValidationResultCode, errorDescription = ''): ScepValidationResponse => ({ code, errorDescription });

/**
 * The cloud's side of SCEP step 3 and step 6: validates a request's challenge and CSR for a
 * connector's policy module, burns the challenge, and records the connector's success or failure
 * notification as the device's issuance state. Every refusal is an answer with a result code,
 * never an HTTP error: the policy module turns it into a CertRep FAILURE.
 */
@Injectable()
export class ScepValidationService implements OnModuleInit {
  private readonly log = new Logger('ScepValidation');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ScepChallengeEntity) private readonly challenges: Repository<ScepChallengeEntity>,
    private readonly issuance: ScepIssuanceService,
    private readonly audit: AuditService,
    @Optional() @Inject(SCEP_TARGETING) private readonly targeting?: ScepTargetingPort,
  ) {}

  onModuleInit(): void {
    if (!this.targeting) this.log.warn('no SCEP targeting port is bound: validation cannot refuse a profile that is no longer assigned (ScepProfileNoLongerTargetedToTheClient)');
  }

  async validate(connector: ConnectorEntity, body: ScepValidateRequestBody): Promise<ScepValidationResponse> {
    const { transactionId } = body.request;
    const der = new Uint8Array(Buffer.from(body.request.certificateRequest, 'base64'));
    let csr: CertificateRequest;
    try {
      csr = CertificateRequest.parse(der);
    } catch (err) {
      return this.refuseUnbound(connector, transactionId, 'CertificateRequestDecodingFailed', err instanceof Error ? err.message : 'unreadable');
    }
    const challenge = csr.challengePassword;
    if (challenge === undefined || challenge === '') return this.refuseUnbound(connector, transactionId, 'ChallengePasswordMissing', SCEP_VALIDATION_RESULTS.ChallengePasswordMissing.text);
    if (!CHALLENGE_PATTERN.test(challenge)) return this.refuseUnbound(connector, transactionId, 'ChallengeDeserializationError', 'the challengePassword is not 64 hex digits');
    const row = await this.challenges.findOneBy({ challengeHash: hashChallenge(challenge) });
    if (!row) return this.refuseUnbound(connector, transactionId, 'ChallengeDecryptionError', 'no challenge with this value was ever issued');

    const csrSha256 = sha256(csr.der);
    const result = checkRequest({
      challenge: { deviceId: row.deviceId, expiresAt: row.expiresAt, expected: row.expected, used: row.usedAt ? { transactionId: row.usedTransactionId ?? '', csrSha256: row.usedCsrSha256 ?? '' } : undefined },
      csr,
      csrSignatureValid: await csr.verify(),
      csrSha256,
      transactionId,
      targeted: this.targeting ? await this.targeting.isTargeted(row.deviceId, row.profileId) : true,
      now: new Date(),
    });
    const key = { deviceId: row.deviceId, profileId: row.profileId, profileVersion: row.profileVersion };
    const actor = `connector:${connector.name}`;
    if (result.code !== 'Success') {
      await this.issuance.transition(key, 'challengeValidationFailed', { actor, transactionId, csrSha256, errorCode: result.code, hResult: SCEP_VALIDATION_RESULTS[result.code].hResult, errorDescription: result.description, detail: `${result.code}: ${result.description}` });
      await this.audit.record({ actor, action: 'scep.validateRequest', target: row.deviceId, outcome: 'failure', details: { transactionId, profileId: row.profileId, code: result.code, reason: result.description } });
      this.log.warn({ flow: 'scep', step: 3, transactionId, deviceId: row.deviceId, code: result.code }, `challenge validation refused: ${result.description}`);
      return answer(result.code, result.description);
    }

    // Burn atomically: of two requests racing with one challenge exactly one wins. A retransmission
    // of the request that burnt it matches on transaction and CSR and validates again.
    const burnt: unknown[] = await this.db.query(
      `UPDATE "${this.challenges.metadata.schema}"."scep_challenge"
          SET "state" = 'used', "usedAt" = now(), "usedTransactionId" = $2, "usedCsrSha256" = $3, "usedByConnectorId" = $4
        WHERE "id" = $1 AND ("usedAt" IS NULL OR ("usedTransactionId" = $2 AND "usedCsrSha256" = $3))
        RETURNING "id"`,
      [row.id, transactionId, csrSha256, connector.id],
    );
    if (rowsOf(burnt) === 0) {
      await this.issuance.transition(key, 'challengeValidationFailed', { actor, transactionId, csrSha256, errorCode: 'ChallengeAlreadyUsed', hResult: SCEP_VALIDATION_RESULTS.ChallengeAlreadyUsed.hResult, errorDescription: 'used by a concurrent request', detail: 'ChallengeAlreadyUsed' });
      return answer('ChallengeAlreadyUsed', 'the challenge was used by a concurrent request');
    }
    await this.issuance.transition(key, 'challengeValidationSucceeded', { actor, challengeId: row.id, transactionId, csrSha256, errorCode: null, hResult: null, errorDescription: null, detail: `subject "${csr.subject}"` });
    await this.audit.record({ actor, action: 'scep.validateRequest', target: row.deviceId, details: { transactionId, profileId: row.profileId, subject: csr.subject } });
    this.log.log({ flow: 'scep', step: 3, transactionId, deviceId: row.deviceId }, 'challenge validated and burnt');
    return { ...answer('Success'), certificateType: row.expected.certificateType };
  }

  async notifySuccess(connector: ConnectorEntity, body: ScepSuccessNotificationBody): Promise<ScepValidationResponse> {
    const n = body.notification;
    const issuance = await this.boundIssuance(n.transactionId, n.certificateRequest);
    if (!issuance) return answer('BadCertificateRequestIdInChallenge', 'no validated request has this transactionId and certificateRequest');
    const actor = `connector:${connector.name}`;
    await this.issuance.transition(issuance, 'issued', {
      actor,
      transactionId: n.transactionId,
      serialNumber: n.certificateSerialNumber.toLowerCase(),
      thumbprint: n.certificateThumbprint.toUpperCase(),
      expiresAt: new Date(n.certificateExpirationDateUtc),
      issuingCertificateAuthority: n.issuingCertificateAuthority,
      template: n.certificateTemplate ?? null,
      errorCode: null,
      hResult: null,
      errorDescription: null,
      detail: `serial ${n.certificateSerialNumber.toLowerCase()}, expires ${n.certificateExpirationDateUtc}`,
    });
    await this.audit.record({ actor, action: 'scep.successNotification', target: issuance.deviceId, details: { transactionId: n.transactionId, serialNumber: n.certificateSerialNumber, thumbprint: n.certificateThumbprint } });
    this.log.log({ flow: 'scep', step: 6, transactionId: n.transactionId, deviceId: issuance.deviceId }, `certificate ${n.certificateSerialNumber} issued`);
    return answer('Success');
  }

  async notifyFailure(connector: ConnectorEntity, body: ScepFailureNotificationBody): Promise<ScepValidationResponse> {
    const n = body.notification;
    const issuance = await this.boundIssuance(n.transactionId, n.certificateRequest);
    if (!issuance) return answer('BadCertificateRequestIdInChallenge', 'no validated request has this transactionId and certificateRequest');
    const hResult = n.hResult < 0 ? n.hResult >>> 0 : n.hResult;
    const actor = `connector:${connector.name}`;
    await this.issuance.transition(issuance, 'issueFailed', {
      actor,
      transactionId: n.transactionId,
      errorCode: `0x${hResult.toString(16).padStart(8, '0')}`,
      hResult,
      errorDescription: n.errorDescription,
      detail: n.errorDescription,
    });
    await this.audit.record({ actor, action: 'scep.failureNotification', target: issuance.deviceId, outcome: 'failure', details: { transactionId: n.transactionId, hResult, errorDescription: n.errorDescription } });
    this.log.warn({ flow: 'scep', step: 6, transactionId: n.transactionId, deviceId: issuance.deviceId }, `issuance failed: ${n.errorDescription}`);
    return answer('Success');
  }

  /** A notification counts only for the request the cloud validated: same transaction, same PKCS#10. */
  private async boundIssuance(transactionId: string, certificateRequest: string): Promise<{ deviceId: string; profileId: string; profileVersion: number } | undefined> {
    const issuance = await this.issuance.findByTransaction(transactionId);
    if (!issuance || !issuance.csrSha256) return undefined;
    if (issuance.csrSha256 !== sha256(new Uint8Array(Buffer.from(certificateRequest, 'base64')))) return undefined;
    if (issuance.state === 'challengeValidationFailed') return undefined;
    return issuance;
  }

  private async refuseUnbound(connector: ConnectorEntity, transactionId: string, code: ScepValidationResultCode, description: string): Promise<ScepValidationResponse> {
    // No challenge row was found, so no device to record the state on: the audit log keeps it.
    await this.audit.record({ actor: `connector:${connector.name}`, action: 'scep.validateRequest', target: null, outcome: 'failure', details: { transactionId, code, reason: description } });
    this.log.warn({ flow: 'scep', step: 3, transactionId, code }, `challenge validation refused: ${description}`);
    return answer(code, description);
  }
}

/** node-postgres answers an UPDATE … RETURNING with [rows, count]; PGlite with the rows. */
function rowsOf(result: unknown[]): number {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return (result[0] as unknown[]).length;
  return result.length;
}
