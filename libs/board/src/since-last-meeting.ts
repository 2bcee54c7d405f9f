import type { IsoDate } from '#core';

/** The kinds of change a board reads between two meetings. */
export type ChangeKind = 'status' | 'signed_off' | 'reprogrammed' | 'evidence' | 'challenge_opened' | 'challenge_closed' | 'became_overdue';
export const CHANGE_KINDS: readonly ChangeKind[] = ['status', 'signed_off', 'reprogrammed', 'evidence', 'challenge_opened', 'challenge_closed', 'became_overdue'];

export const CHANGE_WORDING: Record<ChangeKind, string> = {
  status: 'Status changes',
  signed_off: 'Signed off',
  reprogrammed: 'Re-programmed dates',
  evidence: 'New evidence',
  challenge_opened: 'Challenges opened',
  challenge_closed: 'Challenges closed',
  became_overdue: 'Became overdue',
};

export interface JournalRow {
  actionId: number;
  kind: string;
  changes: { field: string; from: unknown; to: unknown }[];
  evidenceLinks: string[];
  note: string | null;
  actor: string;
  /** The calendar day of the entry. */
  on: IsoDate;
}

export interface ActionRow {
  id: number;
  reference: string;
  title: string;
  reportId: number;
  teamId: number | null;
  status: string;
  dueDate: IsoDate;
}

export interface Change {
  kind: ChangeKind;
  actionId: number;
  on: IsoDate;
  /** "In progress → Awaiting sign-off", "30 June 2015 → 30 September 2015", the evidence link... */
  detail: string;
  actor: string | null;
}

/** The window a meeting looks back over: the day after the previous meeting up to and including this one. */
export interface MeetingWindow {
  from: IsoDate;
  to: IsoDate;
}

/**
 * What changed between two meetings, from the journal (every change is there, who and when) and the
 * actions as they stand: the journal's entries inside the window by kind, and the open actions whose
 * due date fell inside it. Plain data in, plain data out.
 */
export function changesBetween(window: MeetingWindow, journal: readonly JournalRow[], actions: readonly ActionRow[]): Change[] {
  const inWindow = (day: IsoDate) => day >= window.from && day <= window.to;
  const changes: Change[] = [];
  for (const entry of journal) {
    if (!inWindow(entry.on)) continue;
    const base = { actionId: entry.actionId, on: entry.on, actor: entry.actor };
    for (const change of entry.changes) {
      if (change.field === 'status') {
        changes.push({ ...base, kind: change.to === 'signed_off' ? 'signed_off' : 'status', detail: `${words(change.from)} → ${words(change.to)}` });
      } else if (change.field === 'dueDate' && change.from !== change.to) {
        const reason = entry.changes.find((other) => other.field === 'dueDateReason')?.to ?? entry.note;
        changes.push({ ...base, kind: 'reprogrammed', detail: `${String(change.from)} → ${String(change.to)}${reason ? `: ${String(reason)}` : ''}` });
      } else if (change.field === 'challenge' && change.to === 'open' && change.from === null) {
        changes.push({ ...base, kind: 'challenge_opened', detail: entry.note ?? '' });
      } else if (change.field === 'challenge' && change.to === 'closed') {
        changes.push({ ...base, kind: 'challenge_closed', detail: entry.note ?? '' });
      } else if (change.field === 'evidence' || change.field === 'evidenceFile') {
        changes.push({ ...base, kind: 'evidence', detail: String(change.to ?? entry.note ?? '') });
      }
    }
    for (const link of entry.evidenceLinks) changes.push({ ...base, kind: 'evidence', detail: link });
  }
  for (const action of actions) {
    // Due inside the window and still not closed: it went overdue on the day after its due date.
    if (action.status !== 'signed_off' && action.dueDate >= window.from && action.dueDate < window.to) {
      changes.push({ kind: 'became_overdue', actionId: action.id, on: action.dueDate, detail: `Due ${action.dueDate}`, actor: null });
    }
  }
  return changes.sort((a, b) => a.on.localeCompare(b.on) || a.actionId - b.actionId || CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind));
}

export interface ChangeGroup {
  reportId: number;
  teamId: number | null;
  changes: (Change & { reference: string; title: string })[];
}

/** The changes grouped by report, then team, in report and team order; each group in date order. */
export function groupChanges(changes: readonly Change[], actions: readonly ActionRow[]): ChangeGroup[] {
  const byId = new Map(actions.map((action) => [action.id, action]));
  const groups = new Map<string, ChangeGroup>();
  for (const change of changes) {
    const action = byId.get(change.actionId);
    if (!action) continue;
    const key = `${action.reportId}:${action.teamId ?? 'none'}`;
    const group = groups.get(key) ?? { reportId: action.reportId, teamId: action.teamId, changes: [] };
    group.changes.push({ ...change, reference: action.reference, title: action.title });
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.reportId - b.reportId || (a.teamId ?? Infinity) - (b.teamId ?? Infinity));
}

function words(value: unknown): string {
  return typeof value === 'string' ? value.replace(/_/g, ' ').replace(/^\w/, (letter) => letter.toUpperCase()) : String(value);
}
