import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Action } from './action.entity.js';

/** A step on the way to an action's outcome: a title and a date, ticked off when met. */
@Entity('action_milestones')
@Index('idx_action_milestones_action', ['actionId', 'dueDate'])
export class ActionMilestone {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'action_id', type: 'integer' })
  actionId: number;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<Action>;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  /** The day it was ticked off as met; null while not met. */
  @Column({ name: 'met_on', type: 'date', nullable: true })
  metOn: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
