import { Column, CreateDateColumn, Entity, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { DirectoryUserEntity } from './directory-user.entity';

/** A group profiles are assigned to. */
@Entity({ name: 'directory_group' })
export class DirectoryGroupEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @ManyToMany(() => DirectoryUserEntity, (u) => u.groups) members!: DirectoryUserEntity[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
