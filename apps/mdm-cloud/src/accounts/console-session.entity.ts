import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConsoleAccount } from './console-account.entity';

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so a
 * copy of the database does not let anyone take over a session.
 */
@Entity({ name: 'console_session' })
export class ConsoleSession {
  @PrimaryColumn({ type: 'text' }) tokenHash!: string;
  @Index() @Column({ type: 'uuid' }) accountId!: string;
  @ManyToOne(() => ConsoleAccount, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'accountId' }) account!: ConsoleAccount;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
}
