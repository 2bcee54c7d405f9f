import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { AppConfig } from '#config';
import { TrackingErrorCode, TrackingException, type EvidenceUpload } from '#tracking';

export interface UploadedEvidence {
  originalname: string;
  buffer: Buffer;
}

/**
 * One evidence file in the `file` field, held in memory up to MAX_EVIDENCE_BYTES (its own limit,
 * not the report uploads'): a larger file is cut off while it streams in and refused with 413.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly single: ReturnType<ReturnType<typeof multer>['single']>;
  private readonly limit: number;

  constructor(config: AppConfig) {
    this.limit = config.MAX_EVIDENCE_BYTES;
    this.single = multer({ storage: multer.memoryStorage(), limits: { fileSize: this.limit, files: 1, fields: 10 } }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) => {
      this.single(http.getRequest<Request>(), http.getResponse<Response>(), (error: unknown) => {
        if (!error) return resolve();
        if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
          return reject(new TrackingException(TrackingErrorCode.EVIDENCE_TOO_LARGE, `The file is larger than ${Math.floor(this.limit / (1024 * 1024))} MB: upload a smaller file, or link to it instead`));
        }
        if (error instanceof multer.MulterError) return reject(new TrackingException(TrackingErrorCode.INVALID_INPUT, `Send one evidence file in the field "file": ${error.message}`));
        reject(error);
      });
    });
    return next.handle();
  }

  static required(file: UploadedEvidence | undefined): EvidenceUpload {
    if (!file) throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'Choose a file to upload: send it as multipart/form-data in the field "file"');
    return { originalName: Buffer.from(file.originalname, 'latin1').toString('utf8'), bytes: file.buffer };
  }
}
