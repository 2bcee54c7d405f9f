import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Action } from './action.entity.js';

export type EvidenceStorage = 'database' | 'directory';

/**
 * A file uploaded as evidence for an action. Its bytes (the `content` column, bytea or blob by
 * driver) are not mapped here: they are written and read only by the evidence store, so listing
 * files never loads them.
 */
@Entity('evidence_files')
export class EvidenceFile {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_evidence_files_action')
  @Column({ name: 'action_id', type: 'integer' })
  actionId: number;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<Action>;

  /** Copied from the action: a download is refused (404) to anyone outside this council. */
  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  /** As uploaded, cleaned for a Content-Disposition header; never used as a path. */
  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  /** The type found in the file's content, not the one its name or the browser claimed. */
  @Column({ name: 'media_type', type: 'varchar', length: 120 })
  mediaType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 20 })
  storage: EvidenceStorage;

  /** The file's name in the directory store (a random id); null when stored in the database. */
  @Column({ name: 'storage_key', type: 'varchar', length: 100, nullable: true })
  storageKey: string | null;

  @Column({ name: 'uploaded_by_user_id', type: 'integer', nullable: true })
  uploadedByUserId: number | null;

  @Column({ name: 'uploaded_by_name', type: 'varchar', length: 200 })
  uploadedByName: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  /**
   * When the retention setting removed the file's bytes (content nulled, the directory's file
   * deleted); the row stays so the action still shows that a file was there. Null while it is kept.
   */
  @Column({ name: 'removed_at', type: Date, nullable: true })
  removedAt: Date | null;
}

/**
 * Columns the migrations create and no entity maps, on purpose: TypeORM has no binary column type
 * that both drivers accept, and these bytes are only ever written and read by the evidence store's
 * own statements. The migrations test maps them for the driver it runs on, so the schema is still
 * held to exactly what the entities and this list say.
 */
export const UNMAPPED_COLUMNS = [
  { target: EvidenceFile, propertyName: 'content', name: 'content', type: { postgres: 'bytea', sqlite: 'blob' }, nullable: true },
] as const;
