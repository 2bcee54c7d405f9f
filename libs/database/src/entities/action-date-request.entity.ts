import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Action } from './action.entity.js';

export type DateRequestStateValue = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/**
 * A new due date asked for, and the board's decision. A board member's own change is stored as a
 * request approved by them, so every change of date has its reason and its decision on record.
 */
@Entity('action_date_requests')
@Index('idx_action_date_requests_authority_state', ['authorityCode', 'state'])
export class ActionDateRequest {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_action_date_requests_action')
  @Column({ name: 'action_id', type: 'integer' })
  actionId: number;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<Action>;

  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  @Column({ type: 'varchar', length: 20 })
  state: DateRequestStateValue;

  /** The due date when the request was made. */
  @Column({ name: 'previous_due_date', type: 'date' })
  previousDueDate: string;

  @Column({ name: 'proposed_date', type: 'date' })
  proposedDate: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'requested_by_user_id', type: 'integer', nullable: true })
  requestedByUserId: number | null;

  @Column({ name: 'requested_by_name', type: 'varchar', length: 200 })
  requestedByName: string;

  @Column({ name: 'decided_by_user_id', type: 'integer', nullable: true })
  decidedByUserId: number | null;

  @Column({ name: 'decided_by_name', type: 'varchar', length: 200, nullable: true })
  decidedByName: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'decided_at', type: Date, nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
