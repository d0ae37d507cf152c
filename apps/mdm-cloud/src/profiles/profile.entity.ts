import type { AssignmentMode, PkcsImportedSettings, PkcsSettings, Platform, ProfileType, ScepSettings, TrustedRootSettings } from '@certlab/contracts';

/** The union of every implemented type's settings; checked against PROFILE_SETTINGS_SCHEMAS on read. */
export type ProfileSettings = TrustedRootSettings | PkcsSettings | ScepSettings | PkcsImportedSettings;
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A configuration profile of any type; `settings` is validated per type by the contracts schemas. */
@Entity({ name: 'profile' })
export class ProfileEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'text' }) type!: ProfileType;
  @Column({ type: 'text', array: true }) platforms!: Platform[];
  @Column({ type: 'jsonb' }) settings!: ProfileSettings;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz' }) modifiedAt!: Date;
  @Column({ type: 'text' }) modifiedBy!: string;
}

/** Every version a profile had, written on create and on each edit. */
@Entity({ name: 'profile_version' })
export class ProfileVersionEntity {
  @PrimaryColumn({ type: 'uuid' }) profileId!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'text', array: true }) platforms!: Platform[];
  @Column({ type: 'jsonb' }) settings!: ProfileSettings;
  @Column({ type: 'timestamptz' }) modifiedAt!: Date;
  @Column({ type: 'text' }) modifiedBy!: string;
}

@Entity({ name: 'profile_assignment' })
export class ProfileAssignmentEntity {
  @PrimaryColumn({ type: 'uuid' }) profileId!: string;
  @PrimaryColumn({ type: 'uuid' }) groupId!: string;
  @Column({ type: 'text' }) mode!: AssignmentMode;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
