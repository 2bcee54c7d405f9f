import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import { User } from '#access';

/** `none` turns off the due-soon and overdue nudges only: escalations and challenges always go. */
export type DigestFrequency = 'daily' | 'weekly' | 'none';
export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ['daily', 'weekly', 'none'];

/** ISO weekdays a weekly digest can go on: the sweep runs on working days only. */
export const DIGEST_WEEKDAYS = [1, 2, 3, 4, 5] as const;
export type DigestWeekday = (typeof DIGEST_WEEKDAYS)[number];

/**
 * One person's choice of digest (a person without a row gets the daily digest), and the secret of
 * their one-click unsubscribe link, which changes this choice and nothing else.
 */
@Entity('reminder_preferences')
@Unique('uq_reminder_preferences_token', ['unsubscribeToken'])
export class ReminderPreference {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 10, default: 'daily' })
  digest: DigestFrequency;

  /** 1 (Monday) to 5 (Friday), for the weekly digest. */
  @Column({ type: 'integer', nullable: true })
  weekday: number | null;

  @Column({ name: 'unsubscribe_token', type: 'varchar', length: 64 })
  unsubscribeToken: string;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
