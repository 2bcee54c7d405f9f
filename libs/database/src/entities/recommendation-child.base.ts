import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Recommendation } from './recommendation.entity.js';

/**
 * The columns of a table whose every row belongs to one recommendation and is deleted with it
 * (an action, a link between repeated recommendations): declared once, so the key and its
 * cascade cannot differ from one such table to the next.
 */
export abstract class RecommendationChild {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'recommendation_id', type: 'integer' })
  recommendationId: number;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: Relation<Recommendation>;
}
