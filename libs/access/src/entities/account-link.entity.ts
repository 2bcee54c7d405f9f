import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

export const ACCOUNT_LINK_PURPOSES = ['invitation', 'password_reset'] as const;
export type AccountLinkPurpose = (typeof ACCOUNT_LINK_PURPOSES)[number];

/**
 * A one-off link emailed to a person: an invitation to set their first password (72 hours) or a
 * password reset (1 hour). Only the SHA-256 of the link's secret is kept, and using it stamps
 * `usedAt`, so a link works once, and a copy of the database holds no working link.
 */
@Entity('account_links')
@Index('idx_account_links_user', ['userId'])
export class AccountLink {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 20 })
  purpose: AccountLinkPurpose;

  @Index('uq_account_links_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  @Column({ name: 'used_at', type: Date, nullable: true })
  usedAt: Date | null;

  /** The admin who sent it; null when the person asked for it themselves or the operator made it. */
  @Column({ name: 'created_by_user_id', type: 'integer', nullable: true })
  createdByUserId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: Relation<User>;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
