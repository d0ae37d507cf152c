import type { ProfileStatus } from '@certlab/contracts';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

type Details = Record<string, string | number | boolean>;

/** What a device last reported for a profile. */
@Entity({ name: 'device_profile_status' })
export class DeviceProfileStatusEntity {
  @PrimaryColumn({ type: 'uuid' }) deviceId!: string;
  @PrimaryColumn({ type: 'uuid' }) profileId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) status!: ProfileStatus;
  @Column({ type: 'text', nullable: true }) errorCode!: string | null;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ type: 'jsonb', nullable: true }) details!: Details | null;
  @Column({ type: 'timestamptz' }) reportedAt!: Date;
}

/** Every change of a device's status for a profile, append-only. */
@Entity({ name: 'device_profile_status_history' })
export class DeviceProfileStatusHistoryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) deviceId!: string;
  @Column({ type: 'uuid' }) profileId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) status!: ProfileStatus;
  @Column({ type: 'text', nullable: true }) errorCode!: string | null;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ type: 'jsonb', nullable: true }) details!: Details | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}
