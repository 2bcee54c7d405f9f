import { formatLongDate } from '#deadlines';
import { actionLink, shorten } from './digest-composer.js';
import type { DigestEmail } from './digest-composer.js';
import type { IsoDate } from '#core';

/** What one challenge alert says: to the board chair, or to the team that owns the action. */
export interface ChallengeAlertInput {
  /** The board chair contact's name, or the owning team's name. */
  addresseeName: string;
  addressee: 'board_chair' | 'team';
  authorityName: string;
  raisedByName: string;
  raisedOn: IsoDate;
  question: string;
  action: { id: number; title: string; reference: string | null; teamName: string | null };
  publicUrl: string;
}

/**
 * The reminder row of one challenge alert is keyed by the challenge and the recipient, so the
 * daily unique key (recipient, kind, day) cannot fold two challenges of one day into one email.
 */
export function challengeAlertKey(challengeId: number, recipient: { teamId: number } | { contactId: number }): string {
  return 'teamId' in recipient ? `challenge:${challengeId}:team:${recipient.teamId}` : `challenge:${challengeId}:contact:${recipient.contactId}`;
}

/** The challenge a reminder row alerts about, from its recipient key; null for any other key. */
export function challengeOfAlertKey(key: string): number | null {
  const [prefix, id] = key.split(':');
  if (prefix !== 'challenge' || !id || !/^\d{1,10}$/.test(id)) return null;
  return Number(id);
}

/** An email sent as soon as a challenge is opened: the question, the action and where to answer it. */
export function composeChallengeAlert(input: ChallengeAlertInput): DigestEmail {
  const { action } = input;
  const label = `${action.reference ? `${action.reference}: ` : ''}${action.title}`;
  const link = actionLink(input.publicUrl, action.id);
  const subject = `${input.authorityName}: challenge on action ${shorten(label, 90)}`;
  const greeting = input.addressee === 'team' ? `To ${input.addresseeName},` : `Dear ${input.addresseeName},`;
  const intro = `${input.raisedByName} challenged this improvement action of ${input.authorityName} on ${formatLongDate(input.raisedOn)}:`;
  const owner = action.teamName ? `Owned by: ${action.teamName}` : 'Owned by: no team yet; the board needs to assign one';
  const ask =
    input.addressee === 'team'
      ? 'Your team or the board must respond; the challenge stays open on the action and the dashboard until the challenger closes it.'
      : 'The owning team or the board must respond; the challenge stays open on the action and the dashboard until the challenger closes it.';
  const text = [greeting, '', intro, '', `Action ${label}`, owner, '', 'The challenge:', `"${input.question}"`, '', ask, '', `Respond on the action: ${link}`, ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p><strong>Action ${escapeHtml(label)}</strong><br>${escapeHtml(owner)}</p>`,
    `<blockquote style="border-left: 4px solid #b1b4b6; margin: 0; padding-left: 12px">${escapeHtml(input.question).replace(/\n/g, '<br>')}</blockquote>`,
    `<p>${escapeHtml(ask)}</p>`,
    `<p><a href="${escapeHtml(link)}">Respond on the action</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
