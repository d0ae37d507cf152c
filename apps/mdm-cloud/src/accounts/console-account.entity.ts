import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@certlab/contracts';

/** A person who signs in to the console. The password is kept only as an argon2id hash. */
@Entity({ name: 'console_account' })
export class ConsoleAccount {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) username!: string;
  @Column({ type: 'text' }) displayName!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ type: 'text', select: false }) passwordHash!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastSignInAt!: Date | null;
  /** A disabled account cannot sign in and its sessions are gone; it stays for the audit trail. */
  @Column({ type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
}
