import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { assertMay } from '#access';
import { AppConfig } from '#config';
import { UnitOfWork } from '#database';
import { toEvidenceFileView, type EvidenceFileView } from './governance-views.js';
import { ActionsService } from './actions.service.js';
import { ActionRepository } from './action.repository.js';
import { EvidenceRepository } from './evidence.repository.js';
import { evidenceFileRow, evidenceRemoved, evidenceTooLarge, evidenceUploaded } from './evidence-rules.js';
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
    private readonly files: EvidenceRepository,
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
    if (upload.bytes.length > this.config.MAX_EVIDENCE_BYTES) throw evidenceTooLarge(this.config.MAX_EVIDENCE_BYTES);
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
        const saved = await this.files.insert(
          manager,
          evidenceFileRow({ actionId, authorityCode: current.authorityCode, fileName, mediaType: verdict.mediaType, sizeBytes: upload.bytes.length, sha256, storageKey }, context, now),
        );
        if (!storageKey) await this.files.storeContent(manager, saved.id, upload.bytes);
        await this.actionRows.appendJournal(manager, evidenceUploaded(actionId, fileName, context, now));
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
    const file = await this.files.find(actionId, fileId);
    if (!file) throw TrackingException.notFound('Evidence file', fileId);
    if (file.removedAt) throw evidenceRemoved(file.fileName, new Date(file.removedAt));
    let bytes: Buffer;
    if (file.storage === 'directory' && file.storageKey && this.directory) {
      bytes = await readFile(join(this.directory, file.storageKey));
    } else {
      const content = await this.files.content(file.id);
      if (!content) throw new TrackingException(TrackingErrorCode.NOT_FOUND, `The content of evidence file ${fileId} is not held here: it may have come from an exported council`);
      bytes = content;
    }
    return { fileName: file.fileName, mediaType: file.mediaType, bytes };
  }
}

export { evidenceRemoved } from './evidence-rules.js';
