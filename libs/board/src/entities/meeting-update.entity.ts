import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import { Action } from '#database';
import { BoardMeeting } from './board-meeting.entity.js';

/** An action's progress update for one board meeting ("update for the March board"): one per action per cycle. */
@Entity('meeting_updates')
@Unique('uq_meeting_updates_meeting_action', ['meetingId', 'actionId'])
@Index('idx_meeting_updates_action', ['actionId'])
export class MeetingUpdate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne(() => BoardMeeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<BoardMeeting>;

  @Column({ name: 'action_id', type: 'integer' })
  actionId: number;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<Action>;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'author_user_id', type: 'integer', nullable: true })
  authorUserId: number | null;

  @Column({ name: 'author_name', type: 'varchar', length: 200 })
  authorName: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
