import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

/** A browser sign-in. The cookie holds a random id; only its SHA-256 is stored, so a copy of the database cannot be replayed. */
@Entity('sessions')
@Index('idx_sessions_user', ['userId'])
export class Session {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_sessions_id_hash', { unique: true })
  @Column({ name: 'id_hash', type: 'varchar', length: 64 })
  idHash: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** The CSRF token of this session: unsafe cookie-authenticated requests must echo it. */
  @Column({ name: 'csrf_secret', type: 'varchar', length: 64 })
  csrfSecret: string;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
