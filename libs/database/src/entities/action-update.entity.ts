import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Action } from './action.entity.js';

/**
 * `challenge`, `date_request`, `milestone` and `evidence` entries record the governance records'
 * events on the action's one journal, so the journal stays the whole story.
 */
export type ActionUpdateKind = 'created' | 'changed' | 'progress' | 'review' | 'challenge' | 'date_request' | 'milestone' | 'evidence';

export type FieldValue = string | number | boolean | null;

export interface FieldChange {
  field: string;
  from: FieldValue;
  to: FieldValue;
}

/** One entry of an action's journal. Rows are only ever inserted: the journal is the audit trail. */
@Entity('action_updates')
@Index('idx_action_updates_action', ['actionId', 'id'])
export class ActionUpdate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'action_id', type: 'integer' })
  actionId: number;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<Action>;

  @Column({ type: 'varchar', length: 20 })
  kind: ActionUpdateKind;

  @Column({ name: 'actor_user_id', type: 'integer', nullable: true })
  actorUserId: number | null;

  /** Who made the change, as shown in the journal (kept even if the account is removed). */
  @Column({ name: 'actor_name', type: 'varchar', length: 200 })
  actorName: string;

  @Column({ type: 'simple-json' })
  changes: FieldChange[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'evidence_links', type: 'simple-json' })
  evidenceLinks: string[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  /** When the retention setting removed the note and evidence; the entry stays to show something was recorded. */
  @Column({ name: 'removed_at', type: Date, nullable: true })
  removedAt: Date | null;
}
