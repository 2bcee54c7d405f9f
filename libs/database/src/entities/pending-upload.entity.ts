import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DraftCorrections, ReportDraft } from '#extraction';

/**
 * A report uploaded and extracted but not yet confirmed: what its uploader checks on the preview.
 * Only that user may confirm it, only for the authority it was extracted for, once, before it expires.
 */
@Entity('pending_uploads')
export class PendingUpload {
  /** The one-off id the preview form carries: 256 random bits, so it cannot be guessed. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Index('idx_pending_uploads_user')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /** By name: the account entities belong to the access library, which depends on this one. */
  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;

  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName: string | null;

  /** The report's text as extracted (a PDF's text layer): what a confirmation ingests. */
  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'text_sha256', type: 'varchar', length: 64 })
  textSha256: string;

  /** The draft the preview showed. */
  @Column({ type: 'simple-json' })
  draft: ReportDraft;

  /** The corrections made on the preview so far; what a confirmation applies. */
  @Column({ type: 'simple-json', nullable: true })
  corrections: DraftCorrections | null;

  @Index('idx_pending_uploads_expires_at')
  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
