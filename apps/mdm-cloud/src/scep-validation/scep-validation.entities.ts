import type { ScepExpectedRequest, ScepIssuanceState } from '@certlab/contracts';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One SCEP challenge (seed step 1): random, stored only as its SHA-256, bound to a device, a
 * profile version and what the device's PKCS#10 must ask for; single use, burnt atomically.
 */
@Entity({ name: 'scep_challenge' })
export class ScepChallengeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) challengeHash!: string;
  @Column({ type: 'uuid' }) deviceId!: string;
  @Column({ type: 'uuid' }) profileId!: string;
  @Column({ type: 'integer' }) profileVersion!: number;
  @Column({ type: 'jsonb' }) expected!: ScepExpectedRequest;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'text' }) state!: 'issued' | 'used';
  @Column({ type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) usedTransactionId!: string | null;
  /** SHA-256 of the PKCS#10 that burnt it: a retransmission of the same request validates again. */
  @Column({ type: 'text', nullable: true }) usedCsrSha256!: string | null;
  @Column({ type: 'uuid', nullable: true }) usedByConnectorId!: string | null;
}

/** Where one device stands with one SCEP profile, with Intune's issuance states. */
@Entity({ name: 'scep_issuance' })
export class ScepIssuanceEntity {
  @PrimaryColumn({ type: 'uuid' }) deviceId!: string;
  @PrimaryColumn({ type: 'uuid' }) profileId!: string;
  @Column({ type: 'integer' }) profileVersion!: number;
  @Column({ type: 'text' }) state!: ScepIssuanceState;
  @Column({ type: 'uuid', nullable: true }) challengeId!: string | null;
  @Column({ type: 'text', nullable: true }) transactionId!: string | null;
  @Column({ type: 'text', nullable: true }) csrSha256!: string | null;
  @Column({ type: 'text', nullable: true }) serialNumber!: string | null;
  @Column({ type: 'text', nullable: true }) thumbprint!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @Column({ type: 'text', nullable: true }) issuingCertificateAuthority!: string | null;
  @Column({ type: 'text', nullable: true }) template!: string | null;
  @Column({ type: 'text', nullable: true }) errorCode!: string | null;
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  hResult!: number | null;
  @Column({ type: 'text', nullable: true }) errorDescription!: string | null;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'scep_issuance_history' })
export class ScepIssuanceHistoryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) deviceId!: string;
  @Column({ type: 'uuid' }) profileId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) state!: ScepIssuanceState;
  @Column({ type: 'text', nullable: true }) transactionId!: string | null;
  @Column({ type: 'text', nullable: true }) detail!: string | null;
  @Column({ type: 'text' }) actor!: string;
}

export const SCEP_VALIDATION_ENTITIES = [ScepChallengeEntity, ScepIssuanceEntity, ScepIssuanceHistoryEntity];
