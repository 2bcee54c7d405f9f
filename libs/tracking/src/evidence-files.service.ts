import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { assertMay } from '#access';
import { AppConfig } from '#config';
import { ActionUpdate, EvidenceFile, runSql, UnitOfWork } from '#database';
import { toEvidenceFileView, type EvidenceFileView } from './governance-views.js';
import { ActionsService } from './actions.service.js';
import { ActionRepository } from './action.repository.js';
import { journalEntry } from './journal-entry.js';
import { cleanFileName, evidenceTypeOf } from './evidence-type.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { Clock, type RequestContext } from '#core';

export interface EvidenceUpload {
  originalName: string;
  bytes: Buffer;
}

export interface EvidenceDownload {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

/**
 * Evidence files: checked by content, stored in the database (the default: a database backup holds
 * them, on SQLite and PostgreSQL alike) or, with EVIDENCE_DIR, in a directory under random names.
 * Only people who can see the action's council can download one; anyone else is told it does not exist.
 */
@Injectable()
export class EvidenceFilesService {
  private readonly directory: string | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly actions: ActionsService,
    private readonly actionRows: ActionRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.directory = config.EVIDENCE_DIR ? resolve(config.EVIDENCE_DIR) : null;
  }

  async upload(actionId: number, upload: EvidenceUpload, context: RequestContext): Promise<EvidenceFileView> {
    const action = await this.actions.findVisible(actionId, context);
    assertMay(context, 'action.deliver', action);
    if (upload.bytes.length > this.config.MAX_EVIDENCE_BYTES) throw tooLarge(this.config.MAX_EVIDENCE_BYTES);
    const fileName = cleanFileName(upload.originalName);
    const verdict = await evidenceTypeOf(upload.bytes, fileName);
    if (!verdict.ok) throw new TrackingException(TrackingErrorCode.EVIDENCE_TYPE, verdict.reason);
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    // The directory file is written first: a failed transaction leaves at most an orphan file, never a row without its bytes.
    const storageKey = this.directory ? randomBytes(24).toString('hex') : null;
    if (this.directory && storageKey) {
      await mkdir(this.directory, { recursive: true });
      await writeFile(join(this.directory, storageKey), upload.bytes, { flag: 'wx' });
    }
    try {
      return await this.unitOfWork.run(async (manager) => {
        const current = await this.actions.findVisible(actionId, context, manager);
        assertMay(context, 'action.deliver', current);
        const now = this.clock.now();
        const saved = await manager.save(
          manager.create(EvidenceFile, {
            actionId,
            authorityCode: current.authorityCode,
            fileName,
            mediaType: verdict.mediaType,
            sizeBytes: upload.bytes.length,
            sha256,
            storage: storageKey ? 'directory' : 'database',
            storageKey,
            uploadedByUserId: context.userId,
            uploadedByName: context.actorName,
          }),
        );
        if (!storageKey) await runSql(manager, 'UPDATE evidence_files SET content = :content WHERE id = :id', { content: upload.bytes, id: saved.id });
        await manager.insert(ActionUpdate, journalEntry(actionId, 'evidence', context, now, [{ field: 'evidenceFile', from: null, to: fileName }], `Evidence file uploaded: ${fileName}`));
        await this.actionRows.touch(manager, actionId, now);
        return toEvidenceFileView(saved);
      });
    } catch (error) {
      if (this.directory && storageKey) await rm(join(this.directory, storageKey), { force: true });
      throw error;
    }
  }

  /** The file, for someone who can see its council; another council's file is "not found". */
  async download(actionId: number, fileId: number, context: RequestContext): Promise<EvidenceDownload> {
    await this.actions.findVisible(actionId, context);
    const file = await this.dataSource.getRepository(EvidenceFile).findOne({ where: { id: fileId, actionId } });
    if (!file) throw TrackingException.notFound('Evidence file', fileId);
    if (file.removedAt) throw evidenceRemoved(file.fileName, new Date(file.removedAt));
    let bytes: Buffer;
    if (file.storage === 'directory' && file.storageKey && this.directory) {
      bytes = await readFile(join(this.directory, file.storageKey));
    } else {
      const rows = await runSql<{ content: Buffer | Uint8Array | null }>(this.dataSource, 'SELECT content FROM evidence_files WHERE id = :id', { id: file.id });
      const content = rows[0]?.content;
      if (!content) throw new TrackingException(TrackingErrorCode.NOT_FOUND, `The content of evidence file ${fileId} is not held here: it may have come from an exported council`);
      bytes = Buffer.from(content);
    }
    return { fileName: file.fileName, mediaType: file.mediaType, bytes };
  }
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

function tooLarge(limit: number): TrackingException {
  return new TrackingException(TrackingErrorCode.EVIDENCE_TOO_LARGE, `The file is larger than ${Math.floor(limit / (1024 * 1024))} MB: upload a smaller file, or link to it instead`);
}
