import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { Recommendation, RecommendationChild } from '#database';

export type RepeatLinkStatus = 'suggested' | 'confirmed' | 'dismissed';
export const REPEAT_LINK_STATUSES: readonly RepeatLinkStatus[] = ['suggested', 'confirmed', 'dismissed'];

/**
 * A recommendation that repeats one Ofsted made the same council before, found by text similarity
 * when the later report was ingested; a board member confirms or dismisses it.
 */
@Entity('recommendation_links')
@Unique('uq_recommendation_links_pair', ['recommendationId', 'earlierRecommendationId'])
@Index('idx_recommendation_links_earlier', ['earlierRecommendationId'])
export class RecommendationLink extends RecommendationChild {
  @Column({ name: 'earlier_recommendation_id', type: 'integer' })
  earlierRecommendationId: number;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'earlier_recommendation_id' })
  earlierRecommendation?: Relation<Recommendation>;

  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  /** Cosine similarity in thousandths (0-1000), so both databases store it exactly. */
  @Column({ name: 'score_permille', type: 'integer' })
  scorePermille: number;

  /** The subject words both share, heaviest first. */
  @Column({ name: 'shared_words', type: 'simple-json' })
  sharedWords: string[];

  @Column({ type: 'varchar', length: 12, default: 'suggested' })
  status: RepeatLinkStatus;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: Date, nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
