import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ConnectorDetails = Record<string, string | number | boolean>;

/** A registered connector, known by the thumbprint of the certificate the MDM CA issued it. */
@Entity({ name: 'connector' })
export class ConnectorEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) version!: string | null;
  @Column({ type: 'timestamptz' }) registeredAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastHeartbeatAt!: Date | null;
  @Column({ type: 'integer' }) heartbeatIntervalSeconds!: number;
  @Column({ type: 'text', unique: true }) certificateThumbprint!: string;
  @Column({ type: 'text' }) certificateSerial!: string;
  @Column({ type: 'timestamptz' }) certificateNotAfter!: Date;
  @Column({ type: 'text' }) state!: 'active' | 'disabled';
  @Column({ type: 'jsonb', nullable: true }) details!: ConnectorDetails | null;
}
