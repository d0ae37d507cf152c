import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time connector registration token. Only the SHA-256 of the secret is stored. */
@Entity({ name: 'connector_registration_token' })
export class ConnectorRegistrationTokenEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true, select: false }) tokenHash!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) createdBy!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) connectorId!: string | null;
}
