import type { Response } from 'express';
import type { EvidenceDownload } from '#tracking';

/**
 * An evidence file goes out as a download, never rendered: attachment disposition, nosniff, and a
 * sandboxing policy, so an uploaded file can never run as a page of this site.
 */
export function sendEvidenceFile(response: Response, file: EvidenceDownload): void {
  response.setHeader('Content-Type', file.mediaType);
  response.setHeader('Content-Length', String(file.bytes.length));
  response.attachment(file.fileName);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  response.setHeader('Cache-Control', 'private, no-store');
  response.end(file.bytes);
}
