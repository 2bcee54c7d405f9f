import type { ActionUpdate, EvidenceFile } from '#database';
import type { RequestContext } from '#core';
import { journalEntry } from './journal-entry.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';

/** What an upload stores and answers, decided without reading or writing anything. */

export interface CheckedUpload {
  actionId: number;
  authorityCode: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** The random name in the directory store, or null when the bytes are kept in the database. */
  storageKey: string | null;
}

/** The record of an uploaded file, by the caller, now. */
export function evidenceFileRow(upload: CheckedUpload, context: RequestContext, now: Date): Partial<EvidenceFile> {
  return {
    actionId: upload.actionId,
    authorityCode: upload.authorityCode,
    fileName: upload.fileName,
    mediaType: upload.mediaType,
    sizeBytes: upload.sizeBytes,
    sha256: upload.sha256,
    storage: upload.storageKey ? 'directory' : 'database',
    storageKey: upload.storageKey,
    uploadedByUserId: context.userId,
    uploadedByName: context.actorName,
    createdAt: now,
  };
}

/** The journal entry that says a file was uploaded. */
export function evidenceUploaded(actionId: number, fileName: string, context: RequestContext, now: Date): Partial<ActionUpdate> {
  return journalEntry(actionId, 'evidence', context, now, [{ field: 'evidenceFile', from: null, to: fileName }], `Evidence file uploaded: ${fileName}`);
}

/** What a download of a file the retention setting removed answers (410 Gone). */
export function evidenceRemoved(fileName: string, removedAt: Date): TrackingException {
  const on = removedAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  return new TrackingException(
    TrackingErrorCode.EVIDENCE_REMOVED,
    `The file ${fileName} was removed on ${on} under the retention policy, as the action it was evidence for was signed off long enough ago. The action still records that it was uploaded, by whom and when.`,
    { removedAt: removedAt.toISOString() },
  );
}

export function evidenceTooLarge(limit: number): TrackingException {
  return new TrackingException(TrackingErrorCode.EVIDENCE_TOO_LARGE, `The file is larger than ${Math.floor(limit / (1024 * 1024))} MB: upload a smaller file, or link to it instead`);
}
