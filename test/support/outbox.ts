import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHeaders, textPart } from '../reminders/support/smtp-sink.js';

export interface OutboxMessage {
  file: string;
  to: string;
  subject: string;
  text: string;
  /** The one-off link in the message, if any. */
  link: string | null;
}

/** The `.eml` outbox the service writes to without SMTP: a folder of its own for one test file. */
export class Outbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'improvement-tracker-outbox-'));
  private seen = new Set<string>();

  /** Every message written so far, oldest first by file name order of arrival. */
  all(): OutboxMessage[] {
    let files: string[] = [];
    try {
      files = readdirSync(this.dir).filter((file) => file.endsWith('.eml'));
    } catch {
      return [];
    }
    return files.map((file) => parseEml(file, readFileSync(join(this.dir, file), 'utf8')));
  }

  /** The messages that arrived since the last call. */
  takeNew(): OutboxMessage[] {
    const fresh = this.all().filter((message) => !this.seen.has(message.file));
    for (const message of fresh) this.seen.add(message.file);
    return fresh;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function parseEml(file: string, raw: string): OutboxMessage {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const text = textPart(headers, rest.join('\n\n'));
  return { file, to: headers.to ?? '', subject: headers.subject ?? '', text, link: /https?:\/\/\S+\/set-password\?token=[A-Za-z0-9_%-]+/.exec(text)?.[0] ?? null };
}
