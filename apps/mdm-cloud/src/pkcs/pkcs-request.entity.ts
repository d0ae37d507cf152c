import type { PkcsCertificateType, PkcsJobPayload, PkcsRequestState } from '@certlab/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What the cloud records of the issued certificate (no key, no password). */
export interface PkcsIssuedCertificate {
  serialNumber: string;
  thumbprintSha1: string;
  thumbprintSha256: string;
  notAfter: string;
  issuer: string;
  subject: string;
}

/** The job as rendered at queue time; `resume` is filled from the row when leased. */
export type PkcsJobSpec = Omit<PkcsJobPayload, 'requestId' | 'kraCertificate' | 'resume' | 'templatePolicy'> & { keyStorageProvider: string };

/** One PKCS request: a device, a PKCS profile version, and where the ten steps stand. */
@Entity({ name: 'pkcs_request' })
export class PkcsRequestEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) profileId!: string;
  @Column({ type: 'integer' }) profileVersion!: number;
  @Column({ type: 'uuid' }) deviceId!: string;
  @Column({ type: 'uuid', nullable: true }) userId!: string | null;
  @Column({ type: 'text' }) certificateType!: PkcsCertificateType;
  @Column({ type: 'text' }) state!: PkcsRequestState;
  @Column({ type: 'integer' }) step!: number;
  @Column({ type: 'integer', nullable: true }) failedStep!: number | null;
  @Column({ type: 'text', nullable: true }) failureReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) leaseOwner!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) leaseExpiresAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'jsonb' }) job!: PkcsJobSpec;
  /** CMS EnvelopedData to the connector's CA identity: the cloud cannot open it. */
  @Column({ type: 'bytea', nullable: true }) escrowedKey!: Buffer | null;
  @Column({ type: 'integer', nullable: true }) caRequestId!: number | null;
  @Column({ type: 'bytea', nullable: true }) pfx!: Buffer | null;
  /** CMS EnvelopedData to the KRA certificate. */
  @Column({ type: 'bytea', nullable: true }) encryptedPassword!: Buffer | null;
  @Column({ type: 'jsonb', nullable: true }) certificate!: PkcsIssuedCertificate | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
}

@Entity({ name: 'pkcs_request_event' })
export class PkcsRequestEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) requestId!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ type: 'text' }) state!: PkcsRequestState;
  @Column({ type: 'integer', nullable: true }) step!: number | null;
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'text' }) message!: string;
}

export const PKCS_ENTITIES = [PkcsRequestEntity, PkcsRequestEventEntity];
