import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import { Team } from '#database';
import { AuthorityContact } from './authority-contact.entity.js';

/**
 * `ofsted_deadline` and `meeting_update` are planned and worded by the board's reminder extension;
 * `challenge_opened` is sent as soon as a challenge is opened, to the board chair and the owning team.
 */
export type ReminderKind = 'team_digest' | 'personal_digest' | 'board_escalation' | 'lscb_escalation' | 'ofsted_deadline' | 'meeting_update' | 'challenge_opened';
export const REMINDER_KINDS: readonly ReminderKind[] = ['team_digest', 'personal_digest', 'board_escalation', 'lscb_escalation', 'ofsted_deadline', 'meeting_update', 'challenge_opened'];

/** `skipped`: everything it was planned to list was done or moved before it went out, so nothing was sent. */
export type ReminderStatus = 'pending' | 'sent' | 'failed' | 'skipped';
export const REMINDER_STATUSES: readonly ReminderStatus[] = ['pending', 'sent', 'failed', 'skipped'];

/**
 * One reminder email: planned by the daily sweep (pending), then sent, failed or skipped by the
 * worker. The unique key is what guarantees one message per team or contact, kind and day, whatever
 * the queue does.
 */
@Entity('reminders')
@Unique('uq_reminders_recipient_kind_date', ['recipientKey', 'kind', 'digestDate'])
@Index('idx_reminders_date_status', ['digestDate', 'status'])
@Index('idx_reminders_authority_date', ['authorityCode', 'digestDate'])
export class Reminder {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  kind: ReminderKind;

  /** `team:<id>`, `user:<id>` (a personal digest) or `contact:<id>`. */
  @Column({ name: 'recipient_key', type: 'varchar', length: 40 })
  recipientKey: string;

  @Column({ name: 'team_id', type: 'integer', nullable: true })
  teamId: number | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team> | null;

  @Column({ name: 'contact_id', type: 'integer', nullable: true })
  contactId: number | null;

  @ManyToOne(() => AuthorityContact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<AuthorityContact> | null;

  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  /** The working day the digest is for. */
  @Column({ name: 'digest_date', type: 'date' })
  digestDate: string;

  /** Addresses the message goes to, as they were when it was planned. */
  @Column({ type: 'simple-json' })
  recipients: string[];

  /** Actions the message listed (empty until it is sent). */
  @Column({ name: 'action_ids', type: 'simple-json' })
  actionIds: number[];

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: ReminderStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Why the last attempt failed, or which recipients were refused when the others accepted. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId: string | null;

  @Column({ name: 'sent_at', type: Date, nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
