import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Authority } from '#database';

/** One meeting of a council's improvement board; the cycle it closes starts the day after the previous one. */
@Entity('board_meetings')
@Unique('uq_board_meetings_authority_date', ['authorityCode', 'meetingDate'])
export class BoardMeeting {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  @ManyToOne(() => Authority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authority_code' })
  authority?: Relation<Authority>;

  @Column({ name: 'meeting_date', type: 'date' })
  meetingDate: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** Teams are reminded to write their update this many working days before the meeting. */
  @Column({ name: 'update_reminder_working_days', type: 'integer', default: 5 })
  updateReminderWorkingDays: number;

  @Column({ name: 'created_by', type: 'varchar', length: 200, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
