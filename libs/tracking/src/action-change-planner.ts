import type { Action, ActionUpdate, FieldChange, Recommendation } from '#database';
import { checkNewDueDate, decideStatusChange, type Capacity } from '#governance';
import type { ActionStatus, IsoDate, Rag } from '#core';
import { actionTitleFrom } from './action-title.js';
import type { NewMilestone } from './governance-writes.js';
import { TrackingErrorCode } from './tracking.exception.js';
import { refusal, workflowRefusal, type Refusal } from './workflow-errors.js';

export interface ActionChanges {
  status?: ActionStatus;
  teamId?: number | null;
  leadOfficer?: string | null;
  title?: string;
  dueDate?: IsoDate;
  dueDateReason?: string;
  ragOverride?: Rag | null;
  ragOverrideNote?: string;
  whatWillBeDone?: string | null;
  successMeasure?: string | null;
  note?: string;
  /** Evidence links that come with the change (proposing completion needs at least one piece). */
  evidenceLinks?: string[];
}

/** Someone else's write came first: the caller reloads and applies the change again. */
export function staleVersionRefusal(current: number | undefined): Refusal {
  return refusal(
    TrackingErrorCode.STALE_VERSION,
    'This action was changed by someone else since you loaded it; reload it and apply your change again',
    current === undefined ? {} : { currentVersion: current },
  );
}

/** What the change rules read of the action. */
export type ChangedAction = Pick<
  Action,
  'version' | 'authorityCode' | 'status' | 'teamId' | 'leadOfficer' | 'title' | 'dueDate' | 'dueDateReason' | 'ragOverride' | 'ragOverrideNote' | 'whatWillBeDone' | 'successMeasure'
>;

export interface ActionChangeRequest {
  action: ChangedAction;
  changes: ActionChanges;
  /** The version the caller loaded; any other is stale. */
  expectedVersion: number;
  /** Whether the caller acts as the board or the owning team (the access policy's answer). */
  capacity: Capacity;
  actorName: string;
  today: IsoDate;
  now: Date;
  /** Evidence already on the action (links and files); needed only when the status changes. */
  evidenceOnAction?: number;
  /** Challenges on the action not yet closed; needed only when the status changes. */
  openChallenges?: number;
  /** The council of the team the change assigns: null when there is no such team; unread when no team is assigned. */
  assignedTeamAuthority?: string | null;
}

export interface ActionChangePlan {
  ok: true;
  /** The columns to write with the version check; empty when only a note or evidence comes with the request. */
  set: Partial<Action>;
  /** The journal entry the request makes, or null when it changes and says nothing. */
  journal: Pick<ActionUpdate, 'kind' | 'changes' | 'note' | 'evidenceLinks'> | null;
  /** A board member's own new due date, on record as a date change request they approved. */
  boardDateChange: { dueDate: IsoDate; reason: string } | null;
}

type Recordable = 'status' | 'teamId' | 'leadOfficer' | 'title' | 'dueDate' | 'dueDateReason' | 'ragOverride' | 'ragOverrideNote' | 'whatWillBeDone' | 'successMeasure';

/** Whether the request moves the status: only then do the workflow counts (evidence, open challenges) matter. */
export function changesStatus(action: Pick<Action, 'status'>, changes: ActionChanges): boolean {
  return changes.status !== undefined && changes.status !== action.status;
}

/** Whether the request assigns a team, whose council must then be looked up. */
export function assignsTeam(changes: ActionChanges): changes is ActionChanges & { teamId: number } {
  return changes.teamId !== undefined && changes.teamId !== null;
}

/**
 * The rules of editing an action, in the order a caller is told about them: the version, the status
 * workflow, the team's council, the reason for a new due date and the date itself, the note for a
 * RAG override. Fields set to what they already are change nothing and are not journalled.
 */
export function planActionChange(request: ActionChangeRequest): ActionChangePlan | Refusal {
  const { action, changes } = request;
  if (action.version !== request.expectedVersion) return staleVersionRefusal(action.version);
  const set: Partial<Action> = {};
  const recorded: FieldChange[] = [];
  const record = <K extends Recordable>(field: K, to: Action[K]) => {
    if (action[field] !== to) {
      (set as Record<K, Action[K]>)[field] = to;
      recorded.push({ field, from: action[field], to });
    }
  };

  if (changes.status !== undefined && changesStatus(action, changes)) {
    const decision = decideStatusChange({
      from: action.status,
      to: changes.status,
      capacity: request.capacity,
      note: changes.note,
      evidenceCount: (request.evidenceOnAction ?? 0) + (changes.evidenceLinks?.length ?? 0),
      openChallenges: request.openChallenges ?? 0,
    });
    if (!decision.ok) return workflowRefusal(decision, { from: action.status, to: changes.status });
    record('status', changes.status);
    if (decision.move.name === 'propose_completion') set.completedAt = request.now;
    if (decision.move.name === 'sign_off') {
      set.signedOffAt = request.now;
      set.signedOffBy = request.actorName;
    }
    if (decision.move.name === 'return' || decision.move.name === 'reopen') {
      set.completedAt = null;
      set.signedOffAt = null;
      set.signedOffBy = null;
    }
  }
  if (changes.teamId !== undefined) {
    if (changes.teamId !== null && request.assignedTeamAuthority !== action.authorityCode) {
      return refusal(TrackingErrorCode.INVALID_INPUT, `Team ${changes.teamId} is not a team of authority ${action.authorityCode}`);
    }
    record('teamId', changes.teamId);
  }
  if (changes.leadOfficer !== undefined) record('leadOfficer', changes.leadOfficer);
  if (changes.whatWillBeDone !== undefined) record('whatWillBeDone', changes.whatWillBeDone?.trim() || null);
  if (changes.successMeasure !== undefined) record('successMeasure', changes.successMeasure?.trim() || null);
  if (changes.title !== undefined) record('title', changes.title);
  let boardDateChange: ActionChangePlan['boardDateChange'] = null;
  if (changes.dueDate !== undefined) {
    const reason = changes.dueDateReason?.trim();
    if (!reason) return refusal(TrackingErrorCode.INVALID_INPUT, 'dueDateReason is required when the due date changes: say why it was re-programmed');
    if (changes.dueDate !== action.dueDate) {
      const problem = checkNewDueDate({ proposed: changes.dueDate, current: action.dueDate, today: request.today });
      if (problem) return refusal(TrackingErrorCode.INVALID_INPUT, problem);
      record('dueDate', changes.dueDate);
      record('dueDateReason', reason);
      set.dueDateAssumed = false;
      boardDateChange = { dueDate: changes.dueDate, reason };
    }
  }
  if (changes.ragOverride !== undefined) {
    const note = changes.ragOverrideNote?.trim();
    if (changes.ragOverride !== null && !note) {
      return refusal(TrackingErrorCode.INVALID_INPUT, 'ragOverrideNote is required when overriding the RAG rating: say why');
    }
    record('ragOverride', changes.ragOverride);
    record('ragOverrideNote', changes.ragOverride === null ? null : note!);
  }

  const evidenceLinks = changes.evidenceLinks ?? [];
  const says = Boolean(changes.note) || evidenceLinks.length > 0;
  const journal =
    recorded.length === 0 && !says ? null : { kind: recorded.length > 0 ? ('changed' as const) : ('progress' as const), changes: recorded, note: changes.note ?? null, evidenceLinks };
  return { ok: true, set, journal, boardDateChange };
}

export interface NewAction {
  recommendationId: number;
  title?: string;
  teamId?: number | null;
  leadOfficer?: string | null;
  dueDate?: IsoDate;
  dueDateReason?: string;
  whatWillBeDone?: string | null;
  successMeasure?: string | null;
  milestones?: NewMilestone[];
}

export interface NewActionRequest {
  input: NewAction;
  recommendation: Pick<Recommendation, 'id' | 'reportId' | 'text' | 'timeframe' | 'addressee'>;
  authorityCode: string;
  baselineDate: IsoDate;
  /** The recommendation's first action, if it has one: a second action keeps its derived date. */
  sibling: Pick<Action, 'originalDueDate' | 'dueDateAssumed'> | null;
  /** The council of the team chosen: null when there is no such team; unread when none is chosen. */
  assignedTeamAuthority?: string | null;
  today: IsoDate;
}

/**
 * An action added by hand to a recommendation: due when the recommendation's other actions are (or
 * as the report's baseline says), unless a date is set with a reason; no date in the past.
 */
export function planNewAction(request: NewActionRequest): { ok: true; action: Partial<Action> } | Refusal {
  const { input, recommendation, today } = request;
  if (input.teamId != null && request.assignedTeamAuthority !== request.authorityCode) {
    return refusal(TrackingErrorCode.INVALID_INPUT, `Team ${input.teamId} is not a team of authority ${request.authorityCode}`);
  }
  if (input.dueDate && !input.dueDateReason) {
    return refusal(TrackingErrorCode.INVALID_INPUT, 'dueDateReason is required when a due date is set by hand');
  }
  for (const date of [input.dueDate, ...(input.milestones ?? []).map((milestone) => milestone.dueDate)]) {
    if (date && date < today) return refusal(TrackingErrorCode.INVALID_INPUT, `The date ${date} is in the past: choose today (${today}) or later`);
  }
  const derivedDue = request.sibling?.originalDueDate ?? request.baselineDate;
  return {
    ok: true,
    action: {
      recommendationId: recommendation.id,
      reportId: recommendation.reportId,
      authorityCode: request.authorityCode,
      timeframe: recommendation.timeframe,
      addressee: recommendation.addressee,
      title: input.title ?? actionTitleFrom(recommendation.text),
      teamId: input.teamId ?? null,
      leadOfficer: input.leadOfficer ?? null,
      status: 'not_started',
      ragOverride: null,
      ragOverrideNote: null,
      originalDueDate: derivedDue,
      dueDate: input.dueDate ?? derivedDue,
      dueDateAssumed: input.dueDate ? false : (request.sibling?.dueDateAssumed ?? false),
      dueDateReason: input.dueDate ? (input.dueDateReason ?? null) : null,
      whatWillBeDone: input.whatWillBeDone?.trim() || null,
      successMeasure: input.successMeasure?.trim() || null,
      completedAt: null,
      signedOffAt: null,
      signedOffBy: null,
    },
  };
}
