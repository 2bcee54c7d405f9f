import NotifyClientModule from 'notifications-node-client';
import { MailTransport, type MailMessage, type MailReceipt } from './mail.transport.js';

// The client is CommonJS: its class is a property of the module's default export.
const { NotifyClient } = NotifyClientModule;

export interface NotifySettings {
  baseUrl: string;
  apiKey: string;
  templates: Record<NonNullable<MailMessage['template']>, string>;
  /** A request unanswered after this long counts as a temporary failure (the next attempt asks before resending). */
  timeoutMs?: number;
}

/** An error of a Notify request, said plainly and classified the way classifyMailError reads it. */
export class NotifyRequestError extends Error {
  constructor(
    message: string,
    /** true: sending again cannot help (400, 403); false: try again later (429, 5xx, no answer). */
    readonly permanent: boolean,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'NotifyRequestError';
  }
}

interface NotifyErrorShape {
  code?: string;
  message?: string;
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
}

/**
 * GOV.UK Notify's answers, by its documentation: 400 (bad request: an address it will not send to,
 * a template or personalisation that does not fit) and 403 (the key is wrong or revoked) are
 * permanent; 429 (rate or daily limit) and 5xx are worth retrying, as is no answer at all.
 */
export function notifyErrorOf(error: unknown): NotifyRequestError {
  const failure = (error ?? {}) as NotifyErrorShape;
  const status = failure.response?.status ?? null;
  const details = (failure.response?.data?.errors ?? []).map((entry) => [entry.error, entry.message].filter(Boolean).join(': ')).join('; ');
  if (status === null) return new NotifyRequestError(`Notify did not answer: ${failure.code ? `${failure.code} ` : ''}${failure.message ?? String(error)}`.trim(), false, null);
  const permanent = status === 400 || status === 403;
  return new NotifyRequestError(`Notify ${status}${details ? ` ${details}` : ''}`, permanent, status);
}

/**
 * Sends through GOV.UK Notify with the official client, one notification per address (Notify has
 * no multi-recipient email). Every notification of a reminder carries its reference; an address
 * that an earlier attempt left unsettled is looked up by that reference first, so a worker that
 * died between Notify's acceptance and the database write does not send it twice.
 * The template shows the subject and the plain-text body of the message as its personalisation
 * (`((subject))`, `((body))`); Notify renders its own HTML.
 */
export class NotifyMailTransport extends MailTransport {
  private readonly client: InstanceType<typeof NotifyClient>;
  private readonly timeoutMs: number;

  constructor(private readonly settings: NotifySettings) {
    super();
    this.client = new NotifyClient(settings.baseUrl, settings.apiKey);
    this.timeoutMs = settings.timeoutMs ?? 30_000;
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    const accepted: string[] = [];
    const rejected: string[] = [];
    const providerIds: Record<string, string> = {};
    const refusals: string[] = [];
    const reference = message.reference ?? message.messageId;
    for (const address of message.to) {
      if (message.unsettled?.includes(address)) {
        const earlier = await this.findAccepted(reference, address);
        if (earlier) {
          accepted.push(address);
          providerIds[address] = earlier;
          continue;
        }
      }
      try {
        const response = await this.request(() =>
          this.client.sendEmail(this.settings.templates[message.template ?? 'digest'], address, {
            personalisation: { subject: message.subject, body: message.text },
            reference,
            ...(message.unsubscribeUrl ? { oneClickUnsubscribeURL: message.unsubscribeUrl } : {}),
          }),
        );
        accepted.push(address);
        providerIds[address] = response.data.id;
      } catch (error) {
        const failure = notifyErrorOf(error);
        // A 400 is about this address (or this message); a 403 or a temporary failure is about every address.
        if (failure.status !== 400) throw failure;
        rejected.push(address);
        refusals.push(failure.message);
      }
    }
    if (accepted.length === 0) throw new NotifyRequestError(refusals.join('; ') || 'Notify accepted no address', true, 400);
    return { messageId: providerIds[accepted[0]], accepted, rejected, providerIds };
  }

  /** The id of a notification Notify already holds for this reference and address, if any. */
  private async findAccepted(reference: string, address: string): Promise<string | null> {
    try {
      const response = await this.request(() => this.client.getNotifications('email', undefined, reference));
      const found = response.data.notifications.find((notification) => notification.email_address?.toLowerCase() === address.toLowerCase());
      return found?.id ?? null;
    } catch (error) {
      throw notifyErrorOf(error);
    }
  }

  private async request<T>(call: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no answer in ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })), this.timeoutMs);
    });
    try {
      return await Promise.race([call(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  describe(): string {
    return `GOV.UK Notify ${this.settings.baseUrl}`;
  }

  async close(): Promise<void> {}
}
