import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Stable per reminder, so a resend after a crash can be recognised as the same message. */
  messageId: string;
  headers?: Record<string, string>;
  /** What the provider knows every delivery of this message by (GOV.UK Notify's `reference`): `reminder-<id>`. */
  reference?: string;
  /**
   * Addresses an earlier attempt handed over without hearing back (it died, or timed out): a
   * transport that can ask its provider whether they were accepted does so before sending again.
   */
  unsettled?: string[];
  /** Which of the provider's templates it is sent with, where the provider has templates. */
  template?: 'digest' | 'escalation';
  /** One-click unsubscribe (RFC 8058) of a message a person may turn off. */
  unsubscribeUrl?: string;
}

export interface MailReceipt {
  messageId: string;
  accepted: string[];
  /** Recipients the server refused while accepting the others. */
  rejected: string[];
  /** The provider's id of each accepted delivery, by address (one Message-ID for all over SMTP). */
  providerIds?: Record<string, string>;
}

/**
 * Where reminder emails go. Callers see one contract whatever the delivery: SMTP for a real
 * deployment, files for a newcomer without a mail server, anything a test needs.
 */
export abstract class MailTransport {
  /** Rejects with the transport's error; classifyMailError tells a temporary failure from a permanent one. */
  abstract send(message: MailMessage): Promise<MailReceipt>;
  /** Where messages go, for logs (never the credentials). */
  abstract describe(): string;
  abstract close(): Promise<void>;
}

/** SMTP through a pool of connections, so many digests reuse a few sessions. */
export class SmtpMailTransport extends MailTransport {
  private readonly transporter: ReturnType<typeof nodemailer.createTransport>;

  constructor(
    private readonly url: string,
    maxConnections: number,
  ) {
    super();
    this.transporter = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections,
      // The pool would resend at once on a new connection after a 421; the job's backoff does it instead, and counts it.
      maxRequeues: 0,
      // Fail over to a retry quickly rather than hold a worker for nodemailer's default two minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    });
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    // Base64 is encoded natively; quoted-printable in JavaScript was most of the cost of a large digest.
    const { from, to, subject, text, html, messageId, headers } = message;
    const info = await this.transporter.sendMail({ from, to, subject, text, html, messageId, headers, textEncoding: 'base64' });
    return { messageId: info.messageId, accepted: info.accepted.map(addressOf), rejected: info.rejected.map(addressOf) };
  }

  describe(): string {
    const url = new URL(this.url);
    return `SMTP ${url.protocol}//${url.host}`;
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/**
 * The default without SMTP_URL: each message becomes an .eml file under OUTBOX_DIR, readable by
 * any mail client and in a text editor (quoted-printable keeps the text legible). The file is
 * named after the Message-ID, so a retried reminder overwrites its own file instead of adding a
 * second one; it is written aside and renamed so a reader never sees half a message.
 */
export class OutboxMailTransport extends MailTransport {
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  private ready: Promise<unknown> | null = null;

  constructor(private readonly directory: string) {
    super();
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    this.ready ??= mkdir(this.directory, { recursive: true });
    await this.ready;
    const { from, to, subject, text, html, messageId, headers } = message;
    const info = await this.composer.sendMail({ from, to, subject, text, html, messageId, headers });
    const file = join(this.directory, `${fileNameOf(info.messageId)}.eml`);
    const partial = `${file}.partial`;
    await writeFile(partial, info.message as Buffer);
    await rename(partial, file);
    return { messageId: info.messageId, accepted: message.to, rejected: [] };
  }

  describe(): string {
    return `outbox ${this.directory}`;
  }

  async close(): Promise<void> {
    this.composer.close();
  }
}

export interface MailFailure {
  /** true: retrying the same message cannot help (5xx, bad configuration); false: try again later. */
  permanent: boolean;
  /** Short and specific, stored on the reminder: "550 5.1.1 <x@y>: mailbox unavailable". */
  reason: string;
}

/** Errors without an SMTP reply that no retry will cure: the message or the configuration is wrong. */
const PERMANENT_WITHOUT_REPLY = new Set(['ECONFIG', 'ENOAUTH', 'EMESSAGE', 'EENVELOPE', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS']);

/**
 * Temporary: no connection (refused, reset, timed out, DNS) or a 4xx reply such as 421 "try again
 * later". Permanent: a 5xx reply such as 550 "no such mailbox" (except 503, a session out of step,
 * which a new connection fixes), or a message the transport cannot build. Unknown errors count as
 * temporary: the retry limit still ends them.
 */
export function classifyMailError(error: unknown): MailFailure {
  const failure = (error ?? {}) as { code?: string; responseCode?: number; response?: string; permanent?: boolean; message?: string };
  const reason = failure.responseCode ? (failure.response ?? `${failure.responseCode} ${failure.message ?? ''}`).trim() : `${failure.code ? `${failure.code}: ` : ''}${failure.message ?? String(error)}`;
  if (typeof failure.permanent === 'boolean') return { permanent: failure.permanent, reason };
  if (typeof failure.responseCode === 'number') return { permanent: failure.responseCode >= 500 && failure.responseCode !== 503, reason };
  return { permanent: failure.code !== undefined && PERMANENT_WITHOUT_REPLY.has(failure.code), reason };
}

function addressOf(address: string | { address: string }): string {
  return typeof address === 'string' ? address : address.address;
}

function fileNameOf(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_');
}
