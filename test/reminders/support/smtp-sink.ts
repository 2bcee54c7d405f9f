import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

export interface SinkMessage {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  /** The decoded text/plain part. */
  text: string;
  /** The decoded text/html part ('' when there is none). */
  html: string;
  /** Action ids linked from the text part (`/actions/<id>`). */
  actionIds: number[];
}

/**
 * A real SMTP server in the test process. It accepts everything by default; a test can make it
 * answer given reply codes to the next RCPT TO of an address (421 try later, 550 no mailbox),
 * or hold every message it receives without answering (a worker killed mid-send never gets its 250).
 */
export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  /** RCPT TO commands seen per address, accepted or not. */
  readonly rcptAttempts = new Map<string, number>();
  held = 0;
  /** Connection-level errors the server reported, such as a client resetting its socket. */
  readonly connectionErrors: Error[] = [];
  /** Messages received whose reply is still being delayed. */
  inFlight = 0;
  private readonly refusals = new Map<string, number[]>();
  private holding = false;
  private holdAt = Number.POSITIVE_INFINITY;
  private replyDelayMs = 0;
  private pausing = false;
  /** Replies kept back by pauseReplies(): the message has arrived, its sender waits for the answer. */
  private readonly parked: (() => void)[] = [];
  private readonly server: SMTPServer;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      // nodemailer would try STARTTLS with the server's self-signed certificate otherwise.
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 200,
      onRcptTo: (address, session, callback) => this.onRcptTo(address, session, callback),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.holding || this.messages.length >= this.holdAt) {
            this.held += 1;
            return;
          }
          const accept = () => {
            this.messages.push(parseMessage(session, Buffer.concat(chunks).toString('utf8')));
            callback(null);
          };
          if (this.pausing) {
            this.parked.push(accept);
            return;
          }
          if (this.replyDelayMs === 0) return accept();
          this.inFlight += 1;
          setTimeout(() => {
            this.inFlight -= 1;
            accept();
          }, this.replyDelayMs);
        });
      },
    });
  }

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    // A worker killed mid-conversation resets its socket; the server reports that as an 'error'
    // event, which would otherwise surface as an uncaught exception in the test process.
    sink.server.on('error', (error: Error) => sink.connectionErrors.push(error));
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The next RCPT TO commands for `address` get these reply codes, in order; later ones are accepted. */
  refuse(address: string, codes: number[]): void {
    this.refusals.set(address.toLowerCase(), [...codes]);
  }

  hold(): void {
    this.holding = true;
  }

  /** Accepts messages until `count` have been accepted in all, then holds the rest. */
  holdAfter(count: number): void {
    this.holdAt = count;
  }

  release(): void {
    this.holding = false;
    this.holdAt = Number.POSITIVE_INFINITY;
  }

  /** Keeps back the reply to every message from now on, until resumeReplies(): the messages are accepted then. */
  pauseReplies(): void {
    this.pausing = true;
  }

  resumeReplies(): void {
    this.pausing = false;
    for (const accept of this.parked.splice(0)) accept();
  }

  /** Messages received whose reply pauseReplies() keeps back. */
  get awaitingReply(): number {
    return this.parked.length;
  }

  /** Answers each message only after a delay, as a slow server would. */
  replyAfter(ms: number): void {
    this.replyDelayMs = ms;
  }

  /** The messages to an address: of all received, or of those given (one sweep's, say). */
  messagesTo(address: string, among: readonly SinkMessage[] = this.messages): SinkMessage[] {
    return among.filter((message) => message.to.includes(address.toLowerCase()));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const to = address.address.toLowerCase();
    this.rcptAttempts.set(to, (this.rcptAttempts.get(to) ?? 0) + 1);
    const code = this.refusals.get(to)?.shift();
    if (code === undefined) return callback();
    const error = new Error(code >= 500 ? `5.1.1 <${to}>: mailbox unavailable` : `4.3.2 <${to}>: try again later`) as Error & { responseCode: number };
    error.responseCode = code;
    callback(error);
  }
}

function parseMessage(session: SMTPServerSession, raw: string): SinkMessage {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const body = rest.join('\n\n');
  const text = textPart(headers, body);
  return {
    html: mimePart(headers, body, 'text/html'),
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
    raw,
    headers,
    text,
    actionIds: [...text.matchAll(/\/actions\/(\d+)/g)].map((match) => Number(match[1])),
  };
}

export function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The text/plain part of a multipart/alternative message, decoded from quoted-printable or base64. */
export function textPart(headers: Record<string, string>, body: string): string {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (!boundary) return decode(body, headers['content-transfer-encoding']);
  return mimePart(headers, body, 'text/plain');
}

/** One part of a multipart/alternative message, by its content type, decoded. */
export function mimePart(headers: Record<string, string>, body: string, type: string): string {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (!boundary) return '';
  for (const part of body.split(`--${boundary}`)) {
    const [partHead, ...partBody] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const partHeaders = parseHeaders(partHead);
    if ((partHeaders['content-type'] ?? '').startsWith(type)) return decode(partBody.join('\n\n'), partHeaders['content-transfer-encoding']);
  }
  return '';
}

function decode(body: string, encoding = '7bit'): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
