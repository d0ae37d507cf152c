import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CaIdentityKind, CaRequestStatus, CaRevocationReason } from '@certlab/contracts';

// bigint and bytea come back from pg as string and Buffer.
@Entity({ name: 'authority' })
export class AuthorityEntity {
  @PrimaryColumn({ type: 'varchar' }) name!: string;
  @Column({ type: 'varchar' }) role!: 'root' | 'issuing';
  @Column({ name: 'parent_name', type: 'varchar', nullable: true }) parentName!: string | null;
  @Column({ name: 'key_name', type: 'varchar' }) keyName!: string;
  @Column({ type: 'bytea' }) certificate!: Buffer;
  @Column({ name: 'crl_number', type: 'bigint' }) crlNumber!: string;
  @Column({ type: 'bytea', nullable: true }) crl!: Buffer | null;
  @Column({ name: 'crl_this_update', type: 'timestamptz', nullable: true }) crlThisUpdate!: Date | null;
  @Column({ name: 'crl_next_update', type: 'timestamptz', nullable: true }) crlNextUpdate!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'template' })
export class TemplateEntity {
  @PrimaryColumn({ type: 'varchar' }) name!: string;
  @Column({ name: 'display_name', type: 'varchar' }) displayName!: string;
  @Column({ type: 'text' }) purpose!: string;
  @Column({ name: 'key_usage', type: 'jsonb' }) keyUsage!: string[];
  @Column({ name: 'extended_key_usage', type: 'jsonb' }) extendedKeyUsage!: string[];
  @Column({ name: 'validity_days', type: 'integer' }) validityDays!: number;
  @Column({ name: 'minimum_rsa_key_bits', type: 'integer' }) minimumRsaKeyBits!: number;
  @Column({ name: 'subject_source', type: 'varchar' }) subjectSource!: 'request' | 'directory';
  @Column({ name: 'allow_private_key_export', type: 'boolean' }) allowPrivateKeyExport!: boolean;
  @Column({ name: 'requires_ra_signature', type: 'boolean' }) requiresRaSignature!: boolean;
  @Column({ name: 'requires_approval', type: 'boolean' }) requiresApproval!: boolean;
  @Column({ type: 'jsonb' }) enroll!: string[];
}

@Entity({ name: 'identity' })
export class IdentityEntity {
  @PrimaryColumn({ type: 'varchar' }) name!: string;
  @Column({ type: 'varchar' }) kind!: CaIdentityKind;
  @Column({ type: 'varchar' }) template!: string;
  @Column({ name: 'certificate_serial', type: 'varchar', nullable: true }) certificateSerial!: string | null;
  @Column({ name: 'certificate_thumbprint', type: 'varchar', nullable: true }) certificateThumbprint!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'enrollment_token' })
export class EnrollmentTokenEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'identity_name', type: 'varchar' }) identityName!: string;
  @Column({ name: 'token_hash', type: 'varchar' }) tokenHash!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
}

@Entity({ name: 'request' })
export class RequestEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ name: 'ca_name', type: 'varchar' }) caName!: string;
  @Column({ type: 'varchar' }) template!: string;
  @Column({ type: 'varchar' }) requester!: string;
  @Column({ type: 'varchar' }) status!: CaRequestStatus;
  @Column({ type: 'bytea' }) csr!: Buffer;
  @Column({ name: 'signed_request', type: 'bytea', nullable: true }) signedRequest!: Buffer | null;
  @Column({ name: 'ra_signer', type: 'varchar', nullable: true }) raSigner!: string | null;
  @Column({ name: 'requested_subject', type: 'text' }) requestedSubject!: string;
  @Column({ name: 'public_key', type: 'varchar' }) publicKey!: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'reason_code', type: 'varchar', nullable: true }) reasonCode!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'serial_number', type: 'varchar', nullable: true }) serialNumber!: string | null;
}

@Entity({ name: 'certificate' })
export class CertificateEntity {
  @PrimaryColumn({ name: 'serial_number', type: 'varchar' }) serialNumber!: string;
  @Column({ name: 'ca_name', type: 'varchar' }) caName!: string;
  @Column({ name: 'request_id', type: 'integer' }) requestId!: number;
  @Column({ type: 'varchar' }) template!: string;
  @Column({ type: 'varchar' }) requester!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ name: 'not_before', type: 'timestamptz' }) notBefore!: Date;
  @Column({ name: 'not_after', type: 'timestamptz' }) notAfter!: Date;
  @Column({ name: 'thumbprint_sha1', type: 'varchar' }) thumbprintSha1!: string;
  @Column({ type: 'bytea' }) der!: Buffer;
  @Column({ type: 'varchar' }) status!: 'issued' | 'revoked';
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revocation_reason', type: 'varchar', nullable: true }) revocationReason!: CaRevocationReason | null;
  @Column({ name: 'revoked_by', type: 'text', nullable: true }) revokedBy!: string | null;
}

@Entity({ name: 'audit_event' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'varchar' }) action!: string;
  @Column({ name: 'request_id', type: 'integer', nullable: true }) requestId!: number | null;
  @Column({ type: 'text', nullable: true }) target!: string | null;
  @Column({ type: 'varchar' }) outcome!: 'success' | 'failure';
  @Column({ type: 'jsonb', nullable: true }) details!: Record<string, unknown> | null;
}

export const CA_ENTITIES = [AuthorityEntity, TemplateEntity, IdentityEntity, EnrollmentTokenEntity, RequestEntity, CertificateEntity, AuditEventEntity];
