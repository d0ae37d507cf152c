import type { Platform } from '@certlab/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DirectoryUserEntity } from '../directory/directory-user.entity';

/** A one-time enrollment token. Only the SHA-256 of the secret is stored. */
@Entity({ name: 'enrollment_token' })
export class EnrollmentTokenEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true, select: false }) tokenHash!: string;
  @Column({ type: 'uuid' }) userId!: string;
  @ManyToOne(() => DirectoryUserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user!: DirectoryUserEntity;
  @Column({ type: 'text' }) platform!: Platform;
  @Column({ type: 'text' }) createdBy!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) deviceId!: string | null;
}
