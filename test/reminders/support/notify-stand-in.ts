import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * GOV.UK Notify cannot run here, so this is a local HTTP server that speaks the parts of Notify's
 * API the official client (notifications-node-client) uses for email, with the status codes and
 * error bodies of Notify's documentation (docs.notifications.service.gov.uk, "Error codes"):
 *
 * - authentication: a Bearer JWT signed HS256 with the API key's secret, `iss` the service id,
 *   `iat` within 30 seconds; otherwise 403 AuthError;
 * - `POST /v2/notifications/email` → 201 with the notification's id, reference, content and template;
 * - `GET /v2/notifications?template_type=&reference=` → 200 with the matching notifications.
 *
 * A test scripts answers per address (400 BadRequestError, 403 AuthError, 429 RateLimitError,
 * 500 Exception) and can stop the world right after Notify has accepted a notification and before
 * it answers: what a worker killed between Notify's acceptance and its database write looks like.
 */
export const NOTIFY_SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
export const NOTIFY_API_KEY = `tracker_test-${NOTIFY_SERVICE_ID}-${SECRET}`;
export const NOTIFY_TEMPLATE_ID = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
export const NOTIFY_ESCALATION_TEMPLATE_ID = 'b0ae6fa4-3b4d-4c8f-8a5e-0a0d7a4f6e21';

export interface StoredNotification {
  id: string;
  reference: string | null;
  email_address: string;
  template_id: string;
  personalisation: Record<string, string>;
  one_click_unsubscribe_url: string | null;
  created_at: string;
}

type ScriptedStatus = 400 | 403 | 429 | 500;

/** Notify's documented error bodies for each status the stand-in can be told to give. */
const ERROR_BODIES: Record<ScriptedStatus, { error: string; message: string }> = {
  400: { error: 'BadRequestError', message: "Can't send to this recipient using a team-only API key" },
  403: { error: 'AuthError', message: 'Invalid token: API key not found' },
  429: { error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds' },
  500: { error: 'Exception', message: 'Internal server error' },
};

export class NotifyStandIn {
  readonly notifications: StoredNotification[] = [];
  /** Every request, in order: method, path and the address it was for (POST). */
  readonly requests: { method: string; path: string; address?: string }[] = [];
  private readonly scripted = new Map<string, ScriptedStatus[]>();
  private acceptHook: ((notification: StoredNotification) => Promise<void> | void) | null = null;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(): Promise<NotifyStandIn> {
    const standIn = new NotifyStandIn();
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next sends to this address get these answers, one per request, before it accepts again. */
  script(address: string, statuses: ScriptedStatus[]): void {
    this.scripted.set(address, [...statuses]);
  }

  /** Runs once a notification is stored and before the answer goes out. */
  onAccept(hook: ((notification: StoredNotification) => Promise<void> | void) | null): void {
    this.acceptHook = hook;
  }

  sendsTo(address: string): number {
    return this.requests.filter((request) => request.method === 'POST' && request.address === address).length;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const body = await readBody(request);
    const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    this.requests.push({ method: request.method ?? '', path: url.pathname + url.search, address: typeof payload.email_address === 'string' ? payload.email_address : undefined });
    if (!authorised(request.headers.authorization)) return error(response, 403, { error: 'AuthError', message: 'Invalid token: signature, api token not found' });

    if (request.method === 'POST' && url.pathname === '/v2/notifications/email') {
      const address = String(payload.email_address ?? '');
      const next = this.scripted.get(address)?.shift();
      if (next) return error(response, next, ERROR_BODIES[next]);
      if (typeof payload.template_id !== 'string') return error(response, 400, { error: 'ValidationError', message: 'template_id is a required property' });
      const notification: StoredNotification = {
        id: randomUUID(),
        reference: typeof payload.reference === 'string' ? payload.reference : null,
        email_address: address,
        template_id: payload.template_id,
        personalisation: (payload.personalisation ?? {}) as Record<string, string>,
        one_click_unsubscribe_url: typeof payload.one_click_unsubscribe_url === 'string' ? payload.one_click_unsubscribe_url : null,
        created_at: new Date().toISOString(),
      };
      this.notifications.push(notification);
      await this.acceptHook?.(notification);
      if (response.destroyed) return;
      return json(response, 201, {
        id: notification.id,
        reference: notification.reference,
        content: {
          subject: notification.personalisation.subject ?? '',
          body: notification.personalisation.body ?? '',
          from_email: 'improvement.tracker@notifications.service.gov.uk',
          one_click_unsubscribe_url: notification.one_click_unsubscribe_url,
        },
        uri: `${this.url}/v2/notifications/${notification.id}`,
        template: { id: notification.template_id, version: 1, uri: `${this.url}/services/${NOTIFY_SERVICE_ID}/templates/${notification.template_id}` },
      });
    }

    if (request.method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference');
      const matching = this.notifications.filter((notification) => reference === null || notification.reference === reference);
      return json(response, 200, {
        notifications: matching.map((notification) => ({
          id: notification.id,
          reference: notification.reference,
          email_address: notification.email_address,
          phone_number: null,
          type: 'email',
          status: 'created',
          template: { id: notification.template_id, version: 1, uri: '' },
          body: notification.personalisation.body ?? '',
          subject: notification.personalisation.subject ?? '',
          created_at: notification.created_at,
          sent_at: null,
          completed_at: null,
        })),
        links: { current: `${this.url}/v2/notifications${url.search}`, next: null },
      });
    }
    return error(response, 404, { error: 'NotFoundError', message: 'Not found' });
  }
}

/** Checks the client's token the way Notify does: HS256 with the key's secret, our service as issuer, issued within 30 s. */
function authorised(header: string | undefined): boolean {
  const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const [head, claims, signature] = token.split('.');
  if (!head || !claims || !signature) return false;
  const expected = createHmac('sha256', SECRET).update(`${head}.${claims}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const { iss, iat } = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { iss?: string; iat?: number };
  return iss === NOTIFY_SERVICE_ID && typeof iat === 'number' && Math.abs(Date.now() / 1000 - iat) <= 30;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function error(response: ServerResponse, status: number, entry: { error: string; message: string }): void {
  json(response, status, { errors: [entry], status_code: status });
}
