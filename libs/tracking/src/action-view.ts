import { standingOf, type RagBasis } from '#governance';
import type { ActionGovernanceView } from './governance-views.js';
import type { Action, ActionUpdate, FieldChange } from '#database';
import type { ActionStatus, Addressee, IsoDate, Rag, Timeframe } from '#core';

export interface ActionView {
  id: number;
  title: string;
  status: ActionStatus;
  rag: Rag;
  ragOverridden: boolean;
  ragOverrideNote: string | null;
  authorityCode: string;
  reportId: number;
  timeframe: Timeframe;
  addressee: Addressee;
  team: { id: number; name: string } | null;
  leadOfficer: string | null;
  originalDueDate: IsoDate;
  dueDate: IsoDate;
  dueDateAssumed: boolean;
  dueDateReason: string | null;
  daysOverdue: number;
  /** The date RAG, overdue and due soon are judged by (RAG_BASIS). */
  ratedAgainst: IsoDate;
  /** The due date is no longer the original one. */
  reprogrammed: boolean;
  /** Calendar days from the original to the current due date: negative when brought forward. */
  daysSlipped: number;
  awaitingSignOff: boolean;
  whatWillBeDone: string | null;
  successMeasure: string | null;
  recommendation: { id: number; ordinal: number; reference: string; text: string; theme: string | null } | null;
  /** When completion was last proposed. */
  completedAt: string | null;
  signedOffAt: string | null;
  signedOffBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface JournalEntryView {
  id: number;
  kind: string;
  actor: string;
  at: string;
  changes: FieldChange[];
  note: string | null;
  evidenceLinks: string[];
  /** When the retention setting removed its note and evidence; null while they are kept. */
  removedAt: string | null;
}

/** One action with its journal, challenges, date change requests, milestones and evidence files. */
export interface ActionDetailView extends ActionView, ActionGovernanceView {
  journal: JournalEntryView[];
}

export function toActionView(action: Action, today: IsoDate, basis: RagBasis = 'current'): ActionView {
  const standing = standingOf(action, today, basis);
  return {
    id: action.id,
    title: action.title,
    status: action.status,
    rag: standing.rag,
    ragOverridden: action.ragOverride !== null,
    ragOverrideNote: action.ragOverrideNote,
    authorityCode: action.authorityCode,
    reportId: action.reportId,
    timeframe: action.timeframe,
    addressee: action.addressee,
    team: action.team ? { id: action.team.id, name: action.team.name } : null,
    leadOfficer: action.leadOfficer,
    originalDueDate: action.originalDueDate,
    dueDate: action.dueDate,
    dueDateAssumed: action.dueDateAssumed,
    dueDateReason: action.dueDateReason,
    daysOverdue: standing.daysOverdue,
    ratedAgainst: standing.ratedAgainst,
    reprogrammed: standing.reprogrammed,
    daysSlipped: standing.daysSlipped,
    awaitingSignOff: standing.awaitingSignOff,
    whatWillBeDone: action.whatWillBeDone ?? null,
    successMeasure: action.successMeasure ?? null,
    recommendation: action.recommendation
      ? {
          id: action.recommendation.id,
          ordinal: action.recommendation.ordinal,
          reference: action.recommendation.reference,
          text: action.recommendation.text,
          theme: action.recommendation.theme,
        }
      : null,
    completedAt: action.completedAt ? new Date(action.completedAt).toISOString() : null,
    signedOffAt: action.signedOffAt ? new Date(action.signedOffAt).toISOString() : null,
    signedOffBy: action.signedOffBy ?? null,
    version: action.version,
    createdAt: new Date(action.createdAt).toISOString(),
    updatedAt: new Date(action.updatedAt).toISOString(),
  };
}

export function toJournalEntryView(update: ActionUpdate): JournalEntryView {
  return {
    id: update.id,
    kind: update.kind,
    actor: update.actorName,
    at: new Date(update.createdAt).toISOString(),
    changes: update.changes,
    note: update.note,
    evidenceLinks: update.evidenceLinks,
    removedAt: update.removedAt ? new Date(update.removedAt).toISOString() : null,
  };
}
