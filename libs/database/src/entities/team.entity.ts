import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Authority } from './authority.entity.js';

/** A team or service of one authority that owns actions and receives their reminders. */
@Entity('teams')
@Unique('uq_teams_authority_name', ['authorityCode', 'name'])
export class Team {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_teams_authority')
  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  @ManyToOne(() => Authority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authority_code' })
  authority?: Relation<Authority>;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'simple-json' })
  emails: string[];

  /** Words or phrases that route a new recommendation to this team when its text names them. */
  @Column({ type: 'simple-json' })
  keywords: string[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
