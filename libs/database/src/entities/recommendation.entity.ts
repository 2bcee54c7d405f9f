import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Report } from './report.entity.js';
import type { Addressee, Timeframe } from '#core';

/** A recommendation exactly as the report worded it. Never edited after ingestion. */
@Entity('recommendations')
@Unique('uq_recommendations_report_ordinal', ['reportId', 'ordinal'])
export class Recommendation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'integer' })
  reportId: number;

  @ManyToOne(() => Report, (report) => report.recommendations, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  @Column({ type: 'integer' })
  ordinal: number;

  @Column({ type: 'varchar', length: 40 })
  reference: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 20 })
  timeframe: Timeframe;

  @Column({ type: 'varchar', length: 300, nullable: true })
  theme: string | null;

  @Column({ type: 'varchar', length: 20 })
  addressee: Addressee;

  @Column({ name: 'mentioned_bodies', type: 'simple-json' })
  mentionedBodies: string[];
}
