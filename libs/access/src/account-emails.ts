import type { AccountLinkPurpose } from './entities/account-link.entity.js';

/** An email about someone's account, in plain text and HTML from the same paragraphs. */
export interface AccountEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface AccountLinkEmailInput {
  purpose: AccountLinkPurpose;
  to: string;
  recipientName: string;
  /** The full link, `PUBLIC_URL/set-password?token=...`. */
  link: string;
  expiresAt: Date;
  timeZone: string;
  /** Who sent it, for an invitation or a reset an admin asked for. */
  senderName?: string;
  /** The councils the invitation gives access to, by name. */
  councilNames?: string[];
  /** Where to sign in (the service's address), for the closing line. */
  serviceUrl: string;
}

/** Where a link's secret goes: in the query string, which request logs leave out. */
export function accountLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/(?<!\/)\/+$/, '')}/set-password?token=${encodeURIComponent(token)}`;
}

type Paragraph = string | { link: string; text: string };

/**
 * The invitation and password reset emails. Each says who asked for it, what the link does, when
 * it stops working and what to do if the person did not expect it, since a link that sets a
 * password is what a phishing email imitates.
 */
export function composeAccountLinkEmail(input: AccountLinkEmailInput): AccountEmail {
  const until = untilWords(input.expiresAt, input.timeZone);
  const councils = input.councilNames?.length ? input.councilNames.join(' and ') : null;
  const paragraphs: Paragraph[] =
    input.purpose === 'invitation'
      ? [
          `Dear ${input.recipientName},`,
          `${input.senderName ?? 'An administrator'} has invited you to the improvement tracker${councils ? ` for ${councils}` : ''}: the service that turns Ofsted inspection recommendations into owned, deadlined actions.`,
          'Use this link to set your password and sign in:',
          { link: input.link, text: 'Set your password' },
          `The link works once, until ${until}. If it has expired, ask ${input.senderName ?? 'your administrator'} to send a new invitation.`,
          'If you did not expect this email, you can ignore it: nothing happens until the link is used.',
        ]
      : [
          `Dear ${input.recipientName},`,
          input.senderName
            ? `${input.senderName} has sent you a link to reset your password for the improvement tracker.`
            : 'Someone asked to reset the password of your improvement tracker account. If it was you, use this link to choose a new password:',
          ...(input.senderName ? ['Use this link to choose a new password:'] : []),
          { link: input.link, text: 'Reset your password' },
          `The link works once, until ${until}. Setting a new password signs you out everywhere else.`,
          'If you did not ask for this, you can ignore this email: your password has not changed.',
        ];
  paragraphs.push(`Improvement tracker: ${input.serviceUrl}`);
  const subject = input.purpose === 'invitation' ? 'You have been invited to the improvement tracker' : 'Reset your improvement tracker password';
  return { to: input.to, subject, text: asText(paragraphs), html: asHtml(subject, paragraphs) };
}

/** "14:05 on 3 June 2015 (UK time)" in the deployment's time zone. */
function untilWords(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const zone = timeZone === 'Europe/London' ? 'UK time' : timeZone;
  return `${parts.hour}:${parts.minute} on ${parts.day} ${parts.month} ${parts.year} (${zone})`;
}

function asText(paragraphs: Paragraph[]): string {
  return `${paragraphs.map((paragraph) => (typeof paragraph === 'string' ? paragraph : `${paragraph.text}: ${paragraph.link}`)).join('\n\n')}\n`;
}

function asHtml(title: string, paragraphs: Paragraph[]): string {
  const body = paragraphs
    .map((paragraph) =>
      typeof paragraph === 'string'
        ? `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(paragraph.link)}" style="color:#1d70b8;font-weight:bold">${escapeHtml(paragraph.text)}</a></p>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;max-width:640px">
${body}
</body></html>
`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
