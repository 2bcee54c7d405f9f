import type { ActionChallenge, ActionDateRequest, ActionMilestone, EvidenceFile } from '#database';
import type { IsoDate } from '#core';

export interface ChallengeView {
  id: number;
  actionId: number;
  state: ActionChallenge['state'];
  raisedBy: string;
  question: string;
  response: string | null;
  respondedBy: string | null;
  respondedAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  rounds: number;
  createdAt: string;
}

export interface DateRequestView {
  id: number;
  actionId: number;
  state: ActionDateRequest['state'];
  previousDueDate: IsoDate;
  proposedDate: IsoDate;
  reason: string;
  requestedBy: string;
  /** Who asked: they may withdraw it while it is pending. */
  requestedByUserId: number | null;
  decidedBy: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface MilestoneView {
  id: number;
  title: string;
  dueDate: IsoDate;
  metOn: IsoDate | null;
}

export interface EvidenceFileView {
  id: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedBy: string;
  createdAt: string;
  /** When the retention setting removed the file itself; the record stays. Null while it is kept. */
  removedAt: string | null;
}

/** The governance records of one action, as its page and GET /api/actions/:id show them. */
export interface ActionGovernanceView {
  challenges: ChallengeView[];
  dateRequests: DateRequestView[];
  milestones: MilestoneView[];
  evidenceFiles: EvidenceFileView[];
}

/** An action's governance records as its page shows them, from its rows as GovernanceRepository reads them (in their order). */
export function governanceView(rows: { challenges: ActionChallenge[]; dateRequests: ActionDateRequest[]; milestones: ActionMilestone[]; evidenceFiles: EvidenceFile[] }): ActionGovernanceView {
  return {
    challenges: rows.challenges.map(toChallengeView),
    dateRequests: rows.dateRequests.map(toDateRequestView),
    milestones: rows.milestones.map(toMilestoneView),
    evidenceFiles: rows.evidenceFiles.map(toEvidenceFileView),
  };
}

const iso = (value: Date | string | null): string | null => (value ? new Date(value).toISOString() : null);

export function toChallengeView(challenge: ActionChallenge): ChallengeView {
  return {
    id: challenge.id,
    actionId: challenge.actionId,
    state: challenge.state,
    raisedBy: challenge.raisedByName,
    question: challenge.question,
    response: challenge.response,
    respondedBy: challenge.respondedByName,
    respondedAt: iso(challenge.respondedAt),
    closedBy: challenge.closedByName,
    closedAt: iso(challenge.closedAt),
    rounds: challenge.rounds,
    createdAt: iso(challenge.createdAt)!,
  };
}

export function toDateRequestView(request: ActionDateRequest): DateRequestView {
  return {
    id: request.id,
    actionId: request.actionId,
    state: request.state,
    previousDueDate: request.previousDueDate,
    proposedDate: request.proposedDate,
    reason: request.reason,
    requestedBy: request.requestedByName,
    requestedByUserId: request.requestedByUserId,
    decidedBy: request.decidedByName,
    decisionNote: request.decisionNote,
    decidedAt: iso(request.decidedAt),
    createdAt: iso(request.createdAt)!,
  };
}

export function toMilestoneView(milestone: ActionMilestone): MilestoneView {
  return { id: milestone.id, title: milestone.title, dueDate: milestone.dueDate, metOn: milestone.metOn };
}

export function toEvidenceFileView(file: EvidenceFile): EvidenceFileView {
  return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes, uploadedBy: file.uploadedByName, createdAt: iso(file.createdAt)!, removedAt: iso(file.removedAt ?? null) };
}
