import { daysBetween, formatLongDate } from '#deadlines';
import { reportFormatInSentence } from '#extraction';
import type { DigestReason } from './entities/action-reminder-state.entity.js';
import type { IsoDate } from '#core';

/** One action as a digest lists it. */
export interface DigestItem {
  actionId: number;
  title: string;
  report: { authorityName: string; format: string; publishedOn: IsoDate | null; inspectionEnd: IsoDate | null };
  dueDate: IsoDate;
  /** Team digests say why the action is listed today; escalations do not. */
  reason?: DigestReason;
  /** Escalations name the owning team (or say it has none) and how late in working days. */
  teamName?: string | null;
  workingDaysOverdue?: number;
  addressee?: string;
}

export interface DigestEmail {
  subject: string;
  text: string;
  html: string;
}

export interface TeamDigestInput {
  teamName: string;
  authorityName: string;
  date: IsoDate;
  publicUrl: string;
  items: DigestItem[];
}

export interface EscalationDigestInput {
  contactName: string;
  role: 'board_chair' | 'lscb_chair';
  authorityName: string;
  date: IsoDate;
  publicUrl: string;
  thresholdWorkingDays: number;
  items: DigestItem[];
}

const REASON_HEADINGS: Record<DigestReason, string> = {
  overdue_first: 'Now overdue',
  overdue_repeat: 'Still overdue',
  due_soon: 'Due soon',
};

export function composeTeamDigest(input: TeamDigestInput): DigestEmail {
  const overdue = input.items.filter((item) => item.dueDate < input.date).length;
  const dueSoon = input.items.length - overdue;
  const counts = [overdue ? `${overdue} overdue` : '', dueSoon ? `${dueSoon} due soon` : ''].filter(Boolean).join(', ');
  const subject = `${input.authorityName} improvement actions for ${input.teamName}: ${counts}`;
  const groups = (['overdue_first', 'overdue_repeat', 'due_soon'] as const)
    .map((reason) => ({ heading: REASON_HEADINGS[reason], items: input.items.filter((item) => (item.reason ?? reasonFromDate(item, input.date)) === reason) }))
    .filter((group) => group.items.length > 0);
  const intro = `These inspection improvement actions owned by ${input.teamName} (${input.authorityName}) need attention as of ${formatLongDate(input.date)}.`;
  const outro = 'Please update each action (status or a progress note) when it moves. You will not be reminded about an overdue action again for a week.';
  return render(subject, intro, outro, groups, input.date, input.publicUrl);
}

export function composeEscalationDigest(input: EscalationDigestInput): DigestEmail {
  const scope = input.role === 'lscb_chair' ? ' addressed to the LSCB or the partnership' : '';
  const subject = `${input.authorityName}: ${input.items.length} improvement action${input.items.length === 1 ? '' : 's'} overdue by more than ${input.thresholdWorkingDays} working days`;
  const intro = `Dear ${input.contactName}, these improvement actions${scope} of ${input.authorityName} are overdue by more than ${input.thresholdWorkingDays} working days as of ${formatLongDate(input.date)}.`;
  const outro = 'Each action is listed again weekly while it stays overdue.';
  return render(subject, intro, outro, [{ heading: 'Overdue actions', items: input.items }], input.date, input.publicUrl);
}

export function actionLink(publicUrl: string, actionId: number): string {
  return `${publicUrl.replace(/(?<!\/)\/+$/, '')}/actions/${actionId}`;
}

export function reportLabel(report: DigestItem['report']): string {
  const kind = reportFormatInSentence(report.format);
  const published = report.publishedOn ?? report.inspectionEnd;
  return `${report.authorityName} ${kind} report${published ? ` of ${formatLongDate(published)}` : ''}`;
}

function render(subject: string, intro: string, outro: string, groups: { heading: string; items: DigestItem[] }[], date: IsoDate, publicUrl: string): DigestEmail {
  const text = [
    intro,
    '',
    ...groups.flatMap((group) => [
      `${group.heading}:`,
      '',
      ...group.items.flatMap((item) => [...itemFacts(item, date).map(([label, value], index) => (index === 0 ? `- ${value}` : `  ${label}: ${value}`)), `  ${actionLink(publicUrl, item.actionId)}`, '']),
    ]),
    outro,
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<p>${escapeHtml(intro)}</p>`,
    ...groups.map(
      (group) =>
        `<h3>${escapeHtml(group.heading)}</h3><ul>${group.items
          .map((item) => {
            const [[, title], ...facts] = itemFacts(item, date);
            const link = actionLink(publicUrl, item.actionId);
            return `<li><a href="${escapeHtml(link)}">${escapeHtml(title)}</a><br>${facts.map(([label, value]) => `${escapeHtml(label)}: ${escapeHtml(value)}`).join('<br>')}</li>`;
          })
          .join('')}</ul>`,
    ),
    `<p>${escapeHtml(outro)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

function itemFacts(item: DigestItem, date: IsoDate): [string, string][] {
  const late = daysBetween(item.dueDate, date);
  const facts: [string, string][] = [
    ['Action', item.title],
    ['Report', reportLabel(item.report)],
    ['Due', formatLongDate(item.dueDate)],
  ];
  if (late > 0) facts.push(['Days overdue', item.workingDaysOverdue === undefined ? String(late) : `${late} (${item.workingDaysOverdue} working days)`]);
  else facts.push(['Due in', late === 0 ? 'today' : `${-late} day${late === -1 ? '' : 's'}`]);
  if (item.teamName !== undefined) facts.push(['Owner', item.teamName ?? 'no team yet: the board needs to assign one']);
  return facts;
}

function reasonFromDate(item: DigestItem, date: IsoDate): DigestReason {
  return item.dueDate < date ? 'overdue_first' : 'due_soon';
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
