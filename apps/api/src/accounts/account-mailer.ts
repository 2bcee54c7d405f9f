import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { accountLinkUrl, composeAccountLinkEmail, type AccountEmail, type IssuedLink } from '#access';
import { AppConfig } from '#config';
import { MailTransport } from '#reminders';

export interface LinkEmailDetails {
  to: string;
  recipientName: string;
  senderName?: string;
  councilNames?: string[];
}

/**
 * Emails about accounts (invitations, password resets), through the same transport as the
 * reminders: SMTP when SMTP_URL is set, otherwise `.eml` files under OUTBOX_DIR.
 */
@Injectable()
export class AccountMailer implements OnApplicationShutdown {
  private readonly logger = new Logger(AccountMailer.name);
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  linkFor(token: string): string {
    return accountLinkUrl(this.config.PUBLIC_URL, token);
  }

  compose(link: IssuedLink, details: LinkEmailDetails): AccountEmail {
    return composeAccountLinkEmail({
      purpose: link.purpose,
      to: details.to,
      recipientName: details.recipientName,
      senderName: details.senderName,
      councilNames: details.councilNames,
      link: this.linkFor(link.token),
      expiresAt: link.expiresAt,
      timeZone: this.config.TZ_NAME,
      serviceUrl: this.config.PUBLIC_URL,
    });
  }

  /** Sends now, and rejects with the transport's error: an admin sending an invitation is told if it failed. */
  async send(email: AccountEmail): Promise<void> {
    await this.transport.send({
      from: this.config.MAIL_FROM,
      to: [email.to],
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: `<account-${randomUUID()}@${new URL(this.config.PUBLIC_URL).hostname}>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    this.logger.log({ message: 'Account email sent', subject: email.subject, via: this.transport.describe() });
  }

  /**
   * Sends after the response has gone, so that a page answering the same whether or not an
   * account exists also takes the same time. A failure is logged; the person can ask again.
   */
  sendLater(work: () => Promise<AccountEmail | null>): void {
    const task = (async () => {
      const email = await work();
      if (email) await this.send(email);
    })().catch((error: unknown) => this.logger.error({ message: 'Account email not sent', reason: error instanceof Error ? error.message : String(error) }));
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  /** Resolves once every email handed to sendLater has been dealt with (tests, and shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idle();
  }
}
