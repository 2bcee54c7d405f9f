import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Action } from '#database';

export type DigestReason = 'due_soon' | 'overdue_first' | 'overdue_repeat';
export const DIGEST_REASONS: readonly DigestReason[] = ['due_soon', 'overdue_first', 'overdue_repeat'];

/**
 * What each action's owners and chairs have already been told, so the sweep can tell who needs
 * reminding today without reading the history of every email. Each "notified for" column keeps the
 * due date the reminder was about: a due date moved by hand starts the cadence again.
 * No secondary index on purpose: a digest finds its rows through the actions' own (team or
 * authority) indexes and the primary key, and the sweep writes hundreds of thousands of rows at
 * once, where every extra index costs seconds.
 */
@Entity('action_reminder_states')
export class ActionReminderState {
  @PrimaryColumn({ name: 'action_id', type: 'integer' })
  actionId: number;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<Action>;

  @Column({ name: 'due_soon_notified_for', type: 'date', nullable: true })
  dueSoonNotifiedFor: string | null;

  @Column({ name: 'overdue_notified_for', type: 'date', nullable: true })
  overdueNotifiedFor: string | null;

  @Column({ name: 'overdue_last_notified_on', type: 'date', nullable: true })
  overdueLastNotifiedOn: string | null;

  @Column({ name: 'escalation_notified_for', type: 'date', nullable: true })
  escalationNotifiedFor: string | null;

  @Column({ name: 'escalation_last_notified_on', type: 'date', nullable: true })
  escalationLastNotifiedOn: string | null;

  /** The day and team of the last team digest that listed the action, and why it did. */
  @Column({ name: 'last_digest_on', type: 'date', nullable: true })
  lastDigestOn: string | null;

  @Column({ name: 'last_digest_team_id', type: 'integer', nullable: true })
  lastDigestTeamId: number | null;

  @Column({ name: 'last_digest_reason', type: 'varchar', length: 20, nullable: true })
  lastDigestReason: DigestReason | null;
}
