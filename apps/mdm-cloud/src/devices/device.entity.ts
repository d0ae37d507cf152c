import type { DeviceState, Platform } from '@certlab/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DirectoryUserEntity } from '../directory/directory-user.entity';

/**
 * A managed device. It exists from the moment it enrolls (there is no pre-registration), holds
 * one Device Management certificate at a time, and is never deleted: retire and wipe change its
 * state, and the device channel refuses any device that is not `enrolled`.
 */
@Entity({ name: 'device' })
export class DeviceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) platform!: Platform;
  @Column({ type: 'text' }) osVersion!: string;
  @Column({ type: 'text', nullable: true }) serialNumber!: string | null;
  @Column({ type: 'text', nullable: true }) imei!: string | null;
  /** The Entra-style device id ({{AAD_Device_ID}}); also the CN of its management certificate. */
  @Index({ unique: true }) @Column({ type: 'uuid' }) entraDeviceId!: string;
  @Column({ type: 'uuid', nullable: true }) ownerId!: string | null;
  @ManyToOne(() => DirectoryUserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ownerId' })
  owner!: DirectoryUserEntity | null;
  @Column({ type: 'text' }) state!: DeviceState;
  @Column({ type: 'timestamptz' }) enrolledAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastCheckInAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) stateChangedAt!: Date | null;
  /** SHA-256 of the DER of its current Device Management certificate (uppercase hex, as pki-core prints it). */
  @Index({ unique: true }) @Column({ type: 'text', nullable: true }) managementCertificateThumbprint!: string | null;
  @Column({ type: 'text', nullable: true }) managementCertificateSerial!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) managementCertificateNotAfter!: Date | null;
}
