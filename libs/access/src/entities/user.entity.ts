import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { RoleAssignment } from './role-assignment.entity.js';

/** A person who signs in (browser) or calls the API (personal access token). */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stored lower-cased so sign-in is case-insensitive and the unique index means what it says. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** Shown in the journal against every change the user makes. */
  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  /** null for accounts that only use tokens: they cannot sign in with a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'locked_until', type: Date, nullable: true })
  lockedUntil: Date | null;

  /** Set when an admin deactivates the account: it can no longer sign in or use tokens, and the journal still names it. */
  @Column({ name: 'deactivated_at', type: Date, nullable: true })
  deactivatedAt: Date | null;

  /** The single sign-on provider's subject, bound at the first sign-in through it so a reused email cannot take the account over. */
  @Index('uq_users_oidc_subject', { unique: true })
  @Column({ name: 'oidc_subject', type: 'varchar', length: 255, nullable: true })
  oidcSubject: string | null;

  /** When a team member last opened their work page: what changed since is shown to them. */
  @Column({ name: 'last_seen_work_at', type: Date, nullable: true })
  lastSeenWorkAt: Date | null;

  /** The newest journal entry they had been shown then: newer entries are what changed since. */
  @Column({ name: 'last_seen_update_id', type: 'integer', nullable: true })
  lastSeenUpdateId: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @OneToMany(() => RoleAssignment, (assignment) => assignment.user)
  roles?: Relation<RoleAssignment>[];
}
