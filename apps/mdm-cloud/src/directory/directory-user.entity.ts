import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { DirectoryGroupEntity } from './directory-group.entity';

/** A user of the tenant directory: the person user certificates are issued for. */
@Entity({ name: 'directory_user' })
export class DirectoryUserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) userPrincipalName!: string;
  @Column({ type: 'text' }) displayName!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) onPremisesSamAccountName!: string | null;
  @Column({ type: 'text', nullable: true }) onPremisesDistinguishedName!: string | null;
  @ManyToMany(() => DirectoryGroupEntity, (g) => g.members)
  @JoinTable({ name: 'directory_membership', joinColumn: { name: 'userId' }, inverseJoinColumn: { name: 'groupId' } })
  groups!: DirectoryGroupEntity[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
