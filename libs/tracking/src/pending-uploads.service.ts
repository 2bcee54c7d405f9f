import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, type Repository } from 'typeorm';
import { AppConfig } from '#config';
import { PendingUpload } from '#database';
import { assertMay } from '#access';
import { applyCorrections, type DraftCorrections, type ReportDraft } from '#extraction';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';

/** Uploads one person may have waiting at once; older ones are dropped as new ones arrive. */
export const PENDING_UPLOADS_PER_USER = 5;

export interface NewPendingUpload {
  text: string;
  fileName: string | null;
  authorityCode: string;
  draft: ReportDraft;
}

/**
 * Reports uploaded and extracted, waiting for their uploader to check the preview and confirm.
 * The text stays on the server under a one-off id (a 16 MB report no longer travels through the
 * preview form and back); only the uploader may confirm it, only while they may still see its
 * authority, and only until it expires (PENDING_UPLOAD_MINUTES).
 */
@Injectable()
export class PendingUploadsService {
  constructor(
    @InjectRepository(PendingUpload) private readonly uploads: Repository<PendingUpload>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Keeps an upload for its uploader and answers its one-off id. */
  async keep(upload: NewPendingUpload, context: RequestContext): Promise<{ id: string; expiresAt: Date }> {
    const userId = uploaderOf(context);
    const now = this.clock.now();
    await this.uploads.delete({ expiresAt: LessThan(now) });
    const older = await this.uploads.find({ where: { userId }, select: { id: true }, order: { createdAt: 'DESC', id: 'ASC' }, skip: PENDING_UPLOADS_PER_USER - 1 });
    if (older.length > 0) await this.uploads.delete({ id: In(older.map((row) => row.id)) });
    const id = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.PENDING_UPLOAD_MINUTES * 60_000);
    await this.uploads.insert({
      id,
      userId,
      authorityCode: upload.authorityCode,
      fileName: upload.fileName,
      text: upload.text,
      textSha256: createHash('sha256').update(upload.text).digest('hex'),
      draft: upload.draft,
      expiresAt,
    });
    return { id, expiresAt };
  }

  /** The caller's own upload, still in date; anyone else's, an expired or a confirmed one is not found. */
  async find(id: string, context: RequestContext): Promise<PendingUpload> {
    const upload = typeof id === 'string' && id.length <= 64 ? await this.uploads.findOne({ where: { id } }) : null;
    if (!upload || upload.userId !== context.userId || upload.expiresAt.getTime() <= this.clock.now().getTime() || !canSeeAuthority(context, upload.authorityCode)) {
      throw new TrackingException(
        TrackingErrorCode.NOT_FOUND,
        'This upload has expired or was already confirmed: upload the report again to check its recommendations',
      );
    }
    // Whoever lost the right to add this council's reports since uploading may no longer correct or confirm it.
    assertMay(context, 'report.ingest', { authorityCode: upload.authorityCode });
    return upload;
  }

  /**
   * Keeps the corrections made on the preview so far, once they apply to the upload's draft (an
   * invalid list is refused with what to fix, and nothing is kept).
   */
  async correct(id: string, corrections: DraftCorrections, context: RequestContext): Promise<PendingUpload> {
    const upload = await this.find(id, context);
    applyCorrections(upload.draft, corrections);
    await this.uploads.update({ id: upload.id, userId: upload.userId }, { corrections });
    return { ...upload, corrections };
  }

  /** Forgets an upload once confirmed (or abandoned): its id never works again. */
  async discard(id: string, context: RequestContext): Promise<void> {
    await this.uploads.delete({ id, userId: uploaderOf(context) });
  }
}

function uploaderOf(context: RequestContext): number {
  if (context.userId === null) throw new TrackingException(TrackingErrorCode.FORBIDDEN, 'Only a signed-in person can upload a report for checking');
  return context.userId;
}
