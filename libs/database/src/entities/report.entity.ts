import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { DraftEdit, ExtractionWarning, ReportDraft } from '#extraction';
import { Authority } from './authority.entity.js';
import { Recommendation } from './recommendation.entity.js';
import type { Judgement } from '#core';

/**
 * One ingested inspection report, with the text it was read from. A council's same text ingested
 * again finds its existing report; another council's copy is its own report.
 */
@Entity('reports')
@Index('uq_reports_authority_text_sha256', ['authorityCode', 'textSha256'], { unique: true })
export class Report {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_reports_authority')
  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  @ManyToOne(() => Authority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_code' })
  authority?: Relation<Authority>;

  /** The authority's name as the report prints it. */
  @Column({ name: 'authority_name', type: 'varchar', length: 200 })
  authorityName: string;

  @Column({ type: 'varchar', length: 40 })
  format: string;

  @Column({ name: 'inspection_start', type: 'date', nullable: true })
  inspectionStart: string | null;

  @Column({ name: 'inspection_end', type: 'date', nullable: true })
  inspectionEnd: string | null;

  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn: string | null;

  @Column({ name: 'baseline_date', type: 'date' })
  baselineDate: string;

  @Column({ type: 'simple-json' })
  judgements: Judgement[];

  @Column({ name: 'source_file_name', type: 'varchar', length: 255, nullable: true })
  sourceFileName: string | null;

  /** Re-ingesting the same text finds the council's existing report through this (with authority_code). */
  @Column({ name: 'text_sha256', type: 'varchar', length: 64 })
  textSha256: string;

  @Column({ name: 'raw_text', type: 'text', select: false })
  rawText: string;

  /** The draft as the extractor read it, before any correction by hand (null for reports stored before drafts were kept). */
  @Column({ name: 'extracted_draft', type: 'simple-json', nullable: true, select: false })
  extractedDraft: ReportDraft | null;

  /** What was changed by hand before the report was confirmed, in the order it was done. */
  @Column({ name: 'draft_edits', type: 'simple-json', nullable: true })
  draftEdits: DraftEdit[] | null;

  /** Where the extractor said the draft needed checking. */
  @Column({ type: 'simple-json', nullable: true })
  warnings: ExtractionWarning[] | null;

  /** Why the report has no recommendations (and so no actions), when it has none. */
  @Column({ name: 'no_recommendations_reason', type: 'varchar', length: 500, nullable: true })
  noRecommendationsReason: string | null;

  /** When Ofsted expects the action plan, if the board recorded a date other than the 70 working days by default. */
  @Column({ name: 'ofsted_plan_due_date', type: 'date', nullable: true })
  ofstedPlanDueDate: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @OneToMany(() => Recommendation, (recommendation) => recommendation.report)
  recommendations?: Relation<Recommendation>[];
}
