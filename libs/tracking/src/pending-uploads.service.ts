import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '#config';
import type { PendingUpload } from '#database';
import { assertMay } from '#access';
import { applyCorrections, type DraftCorrections, type ReportDraft } from '#extraction';
import { PendingUploadRepository } from './pending-upload.repository.js';
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
    private readonly uploads: PendingUploadRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Keeps an upload for its uploader and answers its one-off id. */
  async keep(upload: NewPendingUpload, context: RequestContext): Promise<{ id: string; expiresAt: Date }> {
    const userId = uploaderOf(context);
    const now = this.clock.now();
    await this.uploads.deleteExpired(now);
    await this.uploads.keepNewest(userId, PENDING_UPLOADS_PER_USER - 1);
    const id = randomBytes(32).toString('base64url');
    const row = pendingUploadRow(id, userId, upload, now, this.config.PENDING_UPLOAD_MINUTES);
    await this.uploads.insert(row);
    return { id, expiresAt: row.expiresAt };
  }

  /** The caller's own upload, still in date; anyone else's, an expired or a confirmed one is not found. */
  async find(id: string, context: RequestContext): Promise<PendingUpload> {
    const upload = isUploadId(id) ? await this.uploads.find(id) : null;
    if (!upload || !usableUpload(upload, context, this.clock.now())) {
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
    await this.uploads.setCorrections({ id: upload.id, userId: upload.userId, corrections });
    return { ...upload, corrections };
  }

  /** Forgets an upload once confirmed (or abandoned): its id never works again. */
  async discard(id: string, context: RequestContext): Promise<void> {
    await this.uploads.delete(id, uploaderOf(context));
  }
}

function uploaderOf(context: RequestContext): number {
  if (context.userId === null) throw new TrackingException(TrackingErrorCode.FORBIDDEN, 'Only a signed-in person can upload a report for checking');
  return context.userId;
}

/** An id the form could have carried: a pending upload's is 43 characters of base64url. */
export function isUploadId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= 64;
}

/** What is kept of an upload, and until when. */
export function pendingUploadRow(id: string, userId: number, upload: NewPendingUpload, now: Date, lifetimeMinutes: number): Omit<PendingUpload, 'createdAt' | 'corrections' | 'user'> {
  return {
    id,
    userId,
    authorityCode: upload.authorityCode,
    fileName: upload.fileName,
    text: upload.text,
    textSha256: createHash('sha256').update(upload.text).digest('hex'),
    draft: upload.draft,
    expiresAt: new Date(now.getTime() + lifetimeMinutes * 60_000),
  };
}

/** Whether the caller may still use the upload: their own, in date, of a council they can still see. */
export function usableUpload(upload: Pick<PendingUpload, 'userId' | 'expiresAt' | 'authorityCode'>, context: RequestContext, now: Date): boolean {
  return upload.userId === context.userId && upload.expiresAt.getTime() > now.getTime() && canSeeAuthority(context, upload.authorityCode);
}
