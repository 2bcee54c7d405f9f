import type { Action, FieldChange, Recommendation } from '#database';
import { dueDateFor } from '#deadlines';
import { AUTHORITY_DIRECTORY, type DraftEdit, type RecommendationDraft, type ReportDraft } from '#extraction';
import { type IsoDate, MAX_REPORT_RECOMMENDATIONS, type Timeframe, TIMEFRAMES } from '#core';
import { actionTitleFrom } from './action-title.js';
import { routeToTeam, type RoutableTeam } from './team-routing.js';
import { TrackingErrorCode } from './tracking.exception.js';
import { refusal, type Refusal } from './workflow-errors.js';

/**
 * The council a report is about: the one it names, or the one the caller gives when it names none
 * the directory knows. A code the directory does not know, or one that disagrees with the report, is refused.
 */
export function reportAuthority(draft: Pick<ReportDraft, 'authority' | 'authorityCode'>, requested: string | undefined): { ok: true; code: string } | Refusal {
  if (requested && !AUTHORITY_DIRECTORY.some((row) => row.onsCode === requested)) {
    return refusal(TrackingErrorCode.UNKNOWN_AUTHORITY, `authorityCode ${requested} is not the ONS code of an English local authority`);
  }
  if (requested && draft.authorityCode && draft.authorityCode !== requested) {
    return refusal(TrackingErrorCode.AUTHORITY_MISMATCH, `The report is about ${draft.authority} (${draft.authorityCode}), not authority ${requested}`);
  }
  const code = draft.authorityCode ?? requested;
  if (!code) {
    return refusal(
      TrackingErrorCode.UNKNOWN_AUTHORITY,
      `The report names "${draft.authority}", which is not a known English local authority: pass authorityCode with the council's ONS code`,
    );
  }
  return { ok: true, code };
}

export function tooManyRecommendations(count: number): Refusal | null {
  if (count <= MAX_REPORT_RECOMMENDATIONS) return null;
  return refusal(
    TrackingErrorCode.TOO_MANY_RECOMMENDATIONS,
    `The report reads as ${count} recommendations, more than the ${MAX_REPORT_RECOMMENDATIONS} a report may hold: upload one inspection report at a time`,
    { recommendationCount: count, limit: MAX_REPORT_RECOMMENDATIONS },
  );
}

/** The teams chosen by hand (each once), to be looked up. */
export function chosenTeamIds(teams: readonly (number | null | undefined)[]): number[] {
  return [...new Set(teams.filter((team): team is number => typeof team === 'number'))];
}

/** Teams chosen by hand must be the council's own: the first that is not is refused, by its place in the draft. */
export function foreignTeam(teams: readonly (number | null | undefined)[], councilTeams: ReadonlySet<number>, authorityCode: string): Refusal | null {
  const position = teams.findIndex((team) => typeof team === 'number' && !councilTeams.has(team));
  if (position < 0) return null;
  return refusal(TrackingErrorCode.INVALID_INPUT, `recommendations[${position}].teamId ${teams[position]} is not one of the teams of authority ${authorityCode}`);
}

/** A draft as confirmed: what was corrected, the team chosen for each recommendation (undefined: route it), and the extracted one it came from. */
export interface ConfirmedDraft {
  draft: ReportDraft;
  edits: DraftEdit[];
  teams: (number | null | undefined)[];
  sources: (RecommendationDraft | null)[];
}

export interface PlannedRecommendation {
  recommendation: Pick<Recommendation, 'ordinal' | 'reference' | 'text' | 'timeframe' | 'theme' | 'addressee' | 'mentionedBodies'>;
  action: Pick<
    Action,
    | 'authorityCode'
    | 'timeframe'
    | 'addressee'
    | 'title'
    | 'teamId'
    | 'leadOfficer'
    | 'status'
    | 'ragOverride'
    | 'ragOverrideNote'
    | 'originalDueDate'
    | 'dueDate'
    | 'dueDateAssumed'
    | 'dueDateReason'
    | 'completedAt'
  >;
  /** The action's first journal entry: where it came from, what was corrected by hand, who owns it and why. */
  note: string;
}

/**
 * One recommendation and one action for each recommendation of the confirmed draft: owned by the
 * team chosen by hand, or else the team the routing rules pick from the council's teams.
 */
export function planReportActions<T extends RoutableTeam>(confirmed: ConfirmedDraft, authorityCode: string, councilTeams: readonly T[]): PlannedRecommendation[] {
  const { draft, edits, sources } = confirmed;
  const editedFields = new Map<number, Set<string>>();
  for (const edit of edits) if (edit.change === 'changed') editedFields.set(edit.ordinal, (editedFields.get(edit.ordinal) ?? new Set()).add(edit.field));
  return draft.recommendations.map((item, index) => {
    const chosen = confirmed.teams[index];
    const team = chosen === undefined ? routeToTeam(item, councilTeams) : chosen === null ? null : (councilTeams.find((candidate) => candidate.id === chosen) ?? null);
    const source = sources[index];
    const handEdits = !source
      ? ' (added by hand before confirming)'
      : draft.recommendations.filter((_, other) => sources[other] === source).length > 1
        ? ` (split by hand from ${source.reference} before confirming)`
        : editedFields.has(source.ordinal)
          ? ` (${[...editedFields.get(source.ordinal)!].join(', ')} corrected by hand before confirming)`
          : '';
    const owner =
      chosen !== undefined
        ? team
          ? `owning team ${team.name} chosen by hand`
          : 'no team chosen, awaiting triage'
        : team
          ? `routed to ${team.name}`
          : 'no team matched, awaiting triage';
    return {
      recommendation: {
        ordinal: item.ordinal,
        reference: item.reference,
        text: item.text,
        timeframe: item.timeframe,
        theme: item.theme,
        addressee: item.addressee,
        mentionedBodies: item.mentionedBodies,
      },
      action: {
        authorityCode,
        timeframe: item.timeframe,
        addressee: item.addressee,
        title: actionTitleFrom(item.text),
        teamId: team?.id ?? null,
        leadOfficer: null,
        status: 'not_started',
        ragOverride: null,
        ragOverrideNote: null,
        originalDueDate: item.dueDate,
        dueDate: item.dueDate,
        dueDateAssumed: item.dueDateAssumed,
        dueDateReason: null,
        completedAt: null,
      },
      note: `Created from recommendation ${item.reference}${handEdits}; ${owner}`,
    };
  });
}

export interface BaselineMove {
  /** The derived due date of each timeframe from the new baseline. */
  derived: Record<Timeframe, IsoDate>;
  /** Each action's journal entry: its original due date moves, and its due date too unless re-programmed by hand. */
  journal: { actionId: number; changes: FieldChange[]; note: string }[];
}

/**
 * Moving a report's baseline moves every derived due date. Dates re-programmed by hand (those with
 * a reason) keep their value: the board decided them, the report did not.
 */
export function planBaselineMove(
  actions: readonly Pick<Action, 'id' | 'timeframe' | 'originalDueDate' | 'dueDate' | 'dueDateReason'>[],
  from: IsoDate,
  to: IsoDate,
): BaselineMove {
  const derived = Object.fromEntries(TIMEFRAMES.map((timeframe) => [timeframe, dueDateFor(timeframe, to).dueDate])) as Record<Timeframe, IsoDate>;
  const note = `Report baseline moved from ${from} to ${to}`;
  return {
    derived,
    journal: actions.map((action) => {
      const changes: FieldChange[] = [{ field: 'originalDueDate', from: action.originalDueDate, to: derived[action.timeframe] }];
      if (action.dueDateReason === null) changes.push({ field: 'dueDate', from: action.dueDate, to: derived[action.timeframe] });
      return { actionId: action.id, changes, note };
    }),
  };
}
