import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Action } from './action.entity.js';

export type ChallengeStateValue = 'open' | 'responded' | 'closed';

/**
 * A challenge an LSCB chair or board member raised on an action, until the challenger closes it.
 * Each round (raised, answered, challenged again, closed) is also a journal entry on the action.
 */
@Entity('action_challenges')
@Index('idx_action_challenges_authority_state', ['authorityCode', 'state'])
export class ActionChallenge {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_action_challenges_action')
  @Column({ name: 'action_id', type: 'integer' })
  actionId: number;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<Action>;

  /** Copied from the action so the dashboard counts open challenges without a join. */
  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  @Column({ type: 'varchar', length: 20 })
  state: ChallengeStateValue;

  @Column({ name: 'raised_by_user_id', type: 'integer', nullable: true })
  raisedByUserId: number | null;

  @Column({ name: 'raised_by_name', type: 'varchar', length: 200 })
  raisedByName: string;

  /** What is being challenged: the latest round's words. */
  @Column({ type: 'text' })
  question: string;

  /** The latest answer, if any. */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ name: 'responded_by_name', type: 'varchar', length: 200, nullable: true })
  respondedByName: string | null;

  @Column({ name: 'responded_at', type: Date, nullable: true })
  respondedAt: Date | null;

  @Column({ name: 'closed_by_name', type: 'varchar', length: 200, nullable: true })
  closedByName: string | null;

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt: Date | null;

  /** 1 when raised; one more each time the challenger challenges again. */
  @Column({ type: 'integer' })
  rounds: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
