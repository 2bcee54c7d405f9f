import type { Action, ActionUpdate, Report } from '#database';
import { addCalendarDays, deriveRag } from '#deadlines';
import { reportFormatTitle } from '#extraction';
import type { IsoDate, Rag } from '#core';
import type { MeetingView } from './board-meeting.rules.js';
import { CHANGE_KINDS, type ActionRow, type Change, type JournalRow, type MeetingWindow } from './since-last-meeting.js';

/** Boards meet every four to eight weeks: a first meeting looks back eight weeks. */
export const FIRST_CYCLE_DAYS = 56;

export interface PackAction {
  id: number;
  reference: string;
  recommendation: string;
  theme: string | null;
  reportId: number;
  owner: string;
  leadOfficer: string | null;
  originalDueDate: IsoDate;
  dueDate: IsoDate;
  dueDateReason: string | null;
  status: string;
  rag: Rag;
  cycleUpdate: string | null;
  evidenceCount: number;
  openChallenges: number;
  /** The most recently raised open challenge's words, with its answer if it has one. */
  latestOpenChallenge: string | null;
  raisedBefore: string[];
}

/** The days a meeting's cycle covers: from the day after the previous meeting (else eight weeks back) to the meeting, or today without one. */
export function meetingWindow(meeting: Pick<MeetingView, 'meetingDate' | 'previousMeetingDate'> | null, today: IsoDate): MeetingWindow {
  const to = meeting?.meetingDate ?? today;
  return { from: meeting?.previousMeetingDate ? addCalendarDays(meeting.previousMeetingDate, 1) : addCalendarDays(to, -FIRST_CYCLE_DAYS), to };
}

/** The instants a window's journal is read between: from its first day's start to the start of the day after its last, UTC. */
export function windowInstants(window: MeetingWindow): { from: Date; until: Date } {
  return { from: new Date(`${window.from}T00:00:00Z`), until: new Date(`${addCalendarDays(window.to, 1)}T00:00:00Z`) };
}

export function journalRow(entry: Pick<ActionUpdate, 'actionId' | 'kind' | 'changes' | 'evidenceLinks' | 'note' | 'actorName' | 'createdAt'>): JournalRow {
  return {
    actionId: entry.actionId,
    kind: entry.kind,
    changes: entry.changes,
    evidenceLinks: entry.evidenceLinks,
    note: entry.note,
    actor: entry.actorName,
    on: new Date(entry.createdAt).toISOString().slice(0, 10),
  };
}

export function actionRow(action: Pick<Action, 'id' | 'title' | 'reportId' | 'teamId' | 'status' | 'dueDate'> & { recommendation?: { reference: string } | null }): ActionRow {
  return { id: action.id, reference: action.recommendation?.reference ?? `#${action.id}`, title: action.title, reportId: action.reportId, teamId: action.teamId, status: action.status, dueDate: action.dueDate };
}

/** How many changes of each kind, every kind present (0 when none). */
export function changeCounts(changes: readonly Change[]): Record<string, number> {
  return Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, changes.filter((change) => change.kind === kind).length]));
}

/** "Joint targeted area inspection (2019)": the format's title and the year the report is dated by. */
export function reportLabel(report: Pick<Report, 'id' | 'format' | 'publishedOn' | 'baselineDate'>): { id: number; label: string } {
  return { id: report.id, label: `${reportFormatTitle(report.format)} (${(report.publishedOn ?? report.baselineDate).slice(0, 4)})` };
}

/** Each action's open challenges, in the order given, in words: the question and its answer if it has one. */
export function openChallengeLines(rows: readonly { actionId: number; question: string; response: string | null }[]): Map<number, string[]> {
  const open = new Map<number, string[]>();
  for (const row of rows) open.set(row.actionId, [...(open.get(row.actionId) ?? []), `${row.question}${row.response ? ` Answer: ${row.response}` : ''}`]);
  return open;
}

/** One open action as the pack prints it. */
export function packAction(
  action: Action,
  today: IsoDate,
  extras: { cycleUpdate: string | null; evidenceCount: number; openChallenges: readonly string[]; raisedBefore: string[] },
): PackAction {
  return {
    id: action.id,
    reference: action.recommendation?.reference ?? `#${action.id}`,
    recommendation: action.recommendation?.text ?? action.title,
    theme: action.recommendation?.theme ?? null,
    reportId: action.reportId,
    owner: action.team?.name ?? 'Unassigned',
    leadOfficer: action.leadOfficer,
    originalDueDate: action.originalDueDate,
    dueDate: action.dueDate,
    dueDateReason: action.dueDateReason,
    status: action.status,
    rag: deriveRag({ status: action.status, dueDate: action.dueDate, today, override: action.ragOverride }),
    cycleUpdate: extras.cycleUpdate,
    evidenceCount: extras.evidenceCount,
    openChallenges: extras.openChallenges.length,
    latestOpenChallenge: extras.openChallenges.at(-1) ?? null,
    raisedBefore: extras.raisedBefore,
  };
}

/** One journal entry as a row of the audit CSV. */
export function journalRecord(entry: ActionUpdate & { action?: (Pick<Action, 'reportId'> & { recommendation?: { reference: string } | null }) | null }): (string | number)[] {
  return [
    entry.id,
    new Date(entry.createdAt).toISOString(),
    entry.actionId,
    entry.action?.recommendation?.reference ?? '',
    entry.action?.reportId ?? '',
    entry.kind,
    entry.actorName,
    entry.actorUserId ?? '',
    entry.changes.map((change) => `${change.field}: ${change.from ?? '(none)'} → ${change.to ?? '(none)'}`).join('; '),
    entry.note ?? '',
    entry.evidenceLinks.join(' '),
  ];
}
