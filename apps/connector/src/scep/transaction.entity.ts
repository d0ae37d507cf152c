import type { ScepFailInfoName } from '@certlab/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One SCEP transaction (RFC 8894 §3.2.1.1: the transactionID names every message of one
 * enrollment). Kept so a retransmission gets the same answer and never a second issuance, across
 * restarts.
 */
@Entity({ name: 'scep_transaction' })
export class ScepTransactionEntity {
  @PrimaryColumn({ type: 'text' }) transactionId!: string;
  /** SHA-256 of the PKCS#10: the same transactionID with another request is refused. */
  @Column({ type: 'text' }) csrSha256!: string;
  @Column({ type: 'bytea' }) csr!: Buffer;
  @Column({ type: 'text' }) status!: 'processing' | 'issued' | 'pending' | 'refused';
  @Column({ type: 'text', nullable: true }) deviceId!: string | null;
  @Column({ type: 'text', nullable: true }) certificateType!: 'user' | 'device' | null;
  @Column({ type: 'integer', nullable: true }) caRequestId!: number | null;
  @Column({ type: 'text', nullable: true }) template!: string | null;
  @Column({ type: 'bytea', nullable: true }) certificate!: Buffer | null;
  @Column({ type: 'text', nullable: true }) failInfo!: ScepFailInfoName | null;
  @Column({ type: 'text', nullable: true }) failText!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
