import { daysBetween, formatLongDate } from '#deadlines';
import { reportFormatInSentence } from '#extraction';
import type { DigestReason } from './entities/action-reminder-state.entity.js';
import { digestTemplates, type DigestFacts, type DigestItemView } from './digest-templates.js';
import { type ActionStatus, type IsoDate, type Rag, STATUS_WORDING } from '#core';

/** One action as a digest lists it: what an officer needs to act without opening the link. */
export interface DigestItem {
  actionId: number;
  title: string;
  /** The recommendation's reference in its report ("A3"). */
  reference: string;
  /** The recommendation's own words. */
  recommendation: string;
  report: { authorityName: string; format: string; publishedOn: IsoDate | null; inspectionEnd: IsoDate | null };
  status: ActionStatus;
  /** The RAG shown for the action (an override when the board set one). */
  rag: Rag;
  dueDate: IsoDate;
  originalDueDate: IsoDate;
  dueDateReason: string | null;
  latestUpdate: { on: IsoDate; text: string } | null;
  /** The questions of its challenges not closed yet. */
  openChallenges: string[];
  /** Team digests say why the action is listed today; weekly digests and escalations do not. */
  reason?: DigestReason;
  /** The owning team, where the reader may not own it (personal digests and escalations). */
  teamName?: string | null;
  /** Escalations say how late in working days. */
  workingDaysOverdue?: number;
  addressee?: string;
}

export interface DigestEmail {
  subject: string;
  text: string;
  html: string;
}

export interface DigestLinks {
  publicUrl: string;
  /** Where the reader changes how often they get the email (personal digests). */
  preferencesUrl?: string | null;
  /** One-click unsubscribe (personal digests). */
  unsubscribeUrl?: string | null;
}

export interface TeamDigestInput extends DigestLinks {
  teamName: string;
  authorityName: string;
  date: IsoDate;
  items: DigestItem[];
}

export interface PersonalDigestInput extends DigestLinks {
  personName: string;
  authorityName: string;
  date: IsoDate;
  weekly: boolean;
  items: DigestItem[];
}

export interface EscalationDigestInput extends DigestLinks {
  contactName: string;
  role: 'board_chair' | 'lscb_chair';
  authorityName: string;
  date: IsoDate;
  thresholdWorkingDays: number;
  items: DigestItem[];
}

const REASON_HEADINGS: Record<DigestReason, string> = {
  overdue_first: 'Now overdue',
  overdue_repeat: 'Still overdue',
  due_soon: 'Due soon',
};

export const RAG_WORDING: Record<Rag, string> = {
  red: 'Red (overdue)',
  amber: 'Amber (due soon)',
  green: 'Green (on track)',
  complete: 'Complete',
};

export function composeTeamDigest(input: TeamDigestInput): DigestEmail {
  const subject = `${input.authorityName} improvement actions for ${input.teamName}: ${dueCounts(input.items, input.date)}`;
  return render({
    subject,
    intro: `These inspection improvement actions owned by ${input.teamName} (${input.authorityName}) need attention as of ${formatLongDate(input.date)}.`,
    outro: 'Please update each action (status or a progress note) when it moves. You will not be reminded about an overdue action again for a week.',
    groups: byReason(input.items, input.date),
    input,
  });
}

export function composePersonalDigest(input: PersonalDigestInput): DigestEmail {
  const subject = `${input.authorityName} improvement actions for you: ${dueCounts(input.items, input.date)}`;
  const groups = input.weekly
    ? [
        { heading: 'Overdue', items: input.items.filter((item) => item.dueDate < input.date) },
        { heading: 'Due soon', items: input.items.filter((item) => item.dueDate >= input.date) },
      ].filter((group) => group.items.length > 0)
    : byReason(input.items, input.date);
  return render({
    subject,
    intro: `${input.personName}, these inspection improvement actions of your team${input.items.some((item) => item.teamName !== undefined) ? 's' : ''} or that you lead need attention as of ${formatLongDate(input.date)}.`,
    outro: input.weekly ? 'This is your weekly digest.' : 'Please update each action (status or a progress note) when it moves.',
    groups,
    input,
  });
}

export function composeEscalationDigest(input: EscalationDigestInput): DigestEmail {
  const scope = input.role === 'lscb_chair' ? ' addressed to the LSCB or the partnership' : '';
  const subject = `${input.authorityName}: ${input.items.length} improvement action${input.items.length === 1 ? '' : 's'} overdue by more than ${input.thresholdWorkingDays} working days`;
  const teams = [...new Set(input.items.map((item) => item.teamName ?? null))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return render({
    subject,
    intro: `Dear ${input.contactName}, these improvement actions${scope} of ${input.authorityName} are overdue by more than ${input.thresholdWorkingDays} working days as of ${formatLongDate(input.date)}.`,
    outro: 'Each action is listed again weekly while it stays overdue.',
    groups: teams.map((team) => ({ heading: team ?? 'No team yet: the board needs to assign one', items: input.items.filter((item) => (item.teamName ?? null) === team) })),
    input,
    showOwner: false,
  });
}

export function actionLink(publicUrl: string, actionId: number): string {
  return `${publicUrl.replace(/(?<!\/)\/+$/, '')}/actions/${actionId}`;
}

export function reportLabel(report: DigestItem['report']): string {
  const kind = reportFormatInSentence(report.format);
  const published = report.publishedOn ?? report.inspectionEnd;
  return `${report.authorityName} ${kind} report${published ? ` of ${formatLongDate(published)}` : ''}`;
}

/** At most `length` characters, cut at a word and marked as cut. */
export function shorten(text: string, length: number): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  if (plain.length <= length) return plain;
  const cut = plain.slice(0, length - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/(?<![\s,.;:])[\s,.;:]+$/, '')}…`;
}

/** The one-line summary at the top: "7 overdue, 2 awaiting sign-off, 1 open challenge". */
export function digestSummary(items: DigestItem[], date: IsoDate): string {
  const overdue = items.filter((item) => item.dueDate < date).length;
  const dueSoon = items.length - overdue;
  const awaiting = items.filter((item) => item.status === 'awaiting_sign_off').length;
  const challenges = items.reduce((sum, item) => sum + item.openChallenges.length, 0);
  const parts = [
    overdue ? `${overdue} overdue` : '',
    dueSoon ? `${dueSoon} due soon` : '',
    awaiting ? `${awaiting} awaiting sign-off` : '',
    challenges ? `${challenges} open challenge${challenges === 1 ? '' : 's'}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function dueCounts(items: DigestItem[], date: IsoDate): string {
  const overdue = items.filter((item) => item.dueDate < date).length;
  const dueSoon = items.length - overdue;
  return [overdue ? `${overdue} overdue` : '', dueSoon ? `${dueSoon} due soon` : ''].filter(Boolean).join(', ');
}

function byReason(items: DigestItem[], date: IsoDate) {
  return (['overdue_first', 'overdue_repeat', 'due_soon'] as const)
    .map((reason) => ({ heading: REASON_HEADINGS[reason], items: items.filter((item) => (item.reason ?? (item.dueDate < date ? 'overdue_first' : 'due_soon')) === reason) }))
    .filter((group) => group.items.length > 0);
}

function render(parts: {
  subject: string;
  intro: string;
  outro: string;
  groups: { heading: string; items: DigestItem[] }[];
  input: DigestLinks & { date: IsoDate; items: DigestItem[] };
  showOwner?: boolean;
}): DigestEmail {
  const { input } = parts;
  const view = {
    subject: parts.subject,
    intro: parts.intro,
    summary: `In all: ${digestSummary(input.items, input.date)}.`,
    groups: parts.groups.map((group) => ({ heading: group.heading, items: group.items.map((item) => itemView(item, input.date, input.publicUrl, parts.showOwner ?? true)) })),
    outro: parts.outro,
    preferencesUrl: input.preferencesUrl ?? null,
    unsubscribeUrl: input.unsubscribeUrl ?? null,
  };
  return { subject: parts.subject, ...digestTemplates().render(view) };
}

function itemView(item: DigestItem, date: IsoDate, publicUrl: string, showOwner: boolean): DigestItemView {
  const challenges = item.openChallenges;
  const facts: DigestFacts = {
    report: reportLabel(item.report),
    recommendation: shorten(item.recommendation, 240),
    status: STATUS_WORDING[item.status] ?? item.status,
    rag: RAG_WORDING[item.rag] ?? item.rag,
    due: `${formatLongDate(item.dueDate)}, ${lateness(item, date)}`,
    reprogrammed: item.originalDueDate !== item.dueDate ? `from ${formatLongDate(item.originalDueDate)}${item.dueDateReason ? `: ${shorten(item.dueDateReason, 160)}` : ''}` : null,
    team: showOwner && item.teamName !== undefined ? (item.teamName ?? 'no team yet') : null,
    latestUpdate: item.latestUpdate ? `${formatLongDate(item.latestUpdate.on)}: ${shorten(item.latestUpdate.text, 240)}` : 'none yet',
    challenges:
      challenges.length > 0
        ? { label: challenges.length === 1 ? 'Open challenge' : `Open challenges (${challenges.length})`, value: challenges.map((question) => shorten(question, 160)).join(' / ') }
        : null,
  };
  return { link: actionLink(publicUrl, item.actionId), reference: item.reference, title: item.title, facts };
}

function lateness(item: DigestItem, date: IsoDate): string {
  const late = daysBetween(item.dueDate, date);
  if (late > 0) {
    const calendar = `${late} day${late === 1 ? '' : 's'} overdue`;
    return item.workingDaysOverdue === undefined ? calendar : `${item.workingDaysOverdue} working day${item.workingDaysOverdue === 1 ? '' : 's'} overdue (${late} days)`;
  }
  return late === 0 ? 'due today' : `due in ${-late} day${late === -1 ? '' : 's'}`;
}
