import { type AppConfig, mailTransportOf } from '#config';
import { MailTransport, OutboxMailTransport, SmtpMailTransport } from './mail.transport.js';
import { NotifyMailTransport } from './notify-mail.transport.js';

/** The transport MAIL_TRANSPORT names (by default SMTP when SMTP_URL is set, else the outbox). */
export function createMailTransport(config: AppConfig): MailTransport {
  switch (mailTransportOf(config)) {
    case 'notify':
      return new NotifyMailTransport({
        baseUrl: config.NOTIFY_BASE_URL,
        apiKey: config.NOTIFY_API_KEY!,
        templates: { digest: config.NOTIFY_TEMPLATE_ID!, escalation: config.NOTIFY_ESCALATION_TEMPLATE_ID ?? config.NOTIFY_TEMPLATE_ID! },
      });
    case 'smtp':
      return new SmtpMailTransport(config.SMTP_URL!, config.MAIL_CONCURRENCY);
    default:
      return new OutboxMailTransport(config.OUTBOX_DIR);
  }
}
