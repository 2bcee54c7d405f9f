import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { RecommendationChild } from './recommendation-child.base.js';
import { Team } from './team.entity.js';
import type { ActionStatus, Addressee, Rag, Timeframe } from '#core';

/**
 * The tracked item. Authority, report, timeframe and addressee are copied from the recommendation
 * so the lists boards filter on every day need no joins.
 */
@Entity('actions')
@Index('idx_actions_authority_status_due', ['authorityCode', 'status', 'dueDate'])
@Index('idx_actions_team_status_due', ['teamId', 'status', 'dueDate'])
@Index('idx_actions_report', ['reportId'])
// The dashboard's summary reads its grouped counts from this index alone (migration 1767200000001).
@Index('idx_actions_authority_summary', ['authorityCode', 'status', 'dueDate', 'originalDueDate', 'ragOverride', 'timeframe', 'reportId', 'teamId'])
export class Action extends RecommendationChild {
  @Column({ name: 'report_id', type: 'integer' })
  reportId: number;

  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  @Column({ type: 'varchar', length: 20 })
  timeframe: Timeframe;

  @Column({ type: 'varchar', length: 20 })
  addressee: Addressee;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'team_id', type: 'integer', nullable: true })
  teamId: number | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team> | null;

  @Column({ name: 'lead_officer', type: 'varchar', length: 200, nullable: true })
  leadOfficer: string | null;

  @Column({ type: 'varchar', length: 20, default: 'not_started' })
  status: ActionStatus;

  @Column({ name: 'rag_override', type: 'varchar', length: 10, nullable: true })
  ragOverride: Rag | null;

  @Column({ name: 'rag_override_note', type: 'text', nullable: true })
  ragOverrideNote: string | null;

  /** The due date the report's timeframe gave at ingestion; re-programming never changes it (only a corrected report baseline does). */
  @Column({ name: 'original_due_date', type: 'date' })
  originalDueDate: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  /** True when the timeframe was unspecified and a year was assumed. */
  @Column({ name: 'due_date_assumed', type: 'boolean', default: false })
  dueDateAssumed: boolean;

  /** Why the due date was re-programmed by hand; null while it is the derived date. */
  @Column({ name: 'due_date_reason', type: 'text', nullable: true })
  dueDateReason: string | null;

  /** What will be done to meet the recommendation, as the council's plan words it. */
  @Column({ name: 'what_will_be_done', type: 'text', nullable: true })
  whatWillBeDone: string | null;

  /** How the board will know it worked: the evidence of impact it expects. */
  @Column({ name: 'success_measure', type: 'text', nullable: true })
  successMeasure: string | null;

  /** When completion was last proposed (the action went to awaiting sign-off). */
  @Column({ name: 'completed_at', type: Date, nullable: true })
  completedAt: Date | null;

  @Column({ name: 'signed_off_at', type: Date, nullable: true })
  signedOffAt: Date | null;

  @Column({ name: 'signed_off_by', type: 'varchar', length: 200, nullable: true })
  signedOffBy: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
