import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import { Reminder } from './reminder.entity.js';

/**
 * `sending`: an attempt handed the message for this address to the transport and has not heard
 * back (or died before writing down the answer); `sent`: the transport accepted it.
 */
export type SendMarkState = 'sending' | 'sent';

/**
 * A reminder's delivery to one address. Written before the message leaves and settled with the
 * reminder's outcome, so a retry knows which addresses were served and which might have been:
 * those it checks with the provider (GOV.UK Notify, by reference) before sending again.
 */
@Entity('reminder_send_marks')
@Unique('uq_reminder_send_marks_recipient', ['reminderId', 'recipient'])
export class ReminderSendMark {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'reminder_id', type: 'integer' })
  reminderId: number;

  @ManyToOne(() => Reminder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reminder_id' })
  reminder?: Relation<Reminder>;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'varchar', length: 10 })
  state: SendMarkState;

  /** What the provider knows the message by: GOV.UK Notify's `reference`. */
  @Column({ type: 'varchar', length: 120 })
  reference: string;

  /** The provider's id of the accepted message (Notify's notification id, the SMTP Message-ID). */
  @Column({ name: 'provider_id', type: 'varchar', length: 255, nullable: true })
  providerId: string | null;

  /**
   * While a `sending` mark is claimed, the attempt that wrote it may still be talking to the
   * provider, and no other attempt sends to the address. Null once that attempt let go (its send
   * failed); a claim that has run out belongs to an attempt that died.
   */
  @Column({ name: 'claimed_until', type: Date, nullable: true })
  claimedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
