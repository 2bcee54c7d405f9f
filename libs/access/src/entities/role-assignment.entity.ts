import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Authority, Team } from '#database';
import { User } from './user.entity.js';
import type { Role } from '#core';

/** One role a user holds in one authority (or, for an admin, possibly everywhere). */
@Entity('role_assignments')
@Index('idx_role_assignments_user', ['userId'])
export class RoleAssignment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, (user) => user.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  /** null only for an admin of the whole deployment. */
  @Column({ name: 'authority_code', type: 'varchar', length: 16, nullable: true })
  authorityCode: string | null;

  @ManyToOne(() => Authority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authority_code' })
  authority?: Relation<Authority>;

  @Column({ name: 'team_id', type: 'integer', nullable: true })
  teamId: number | null;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
