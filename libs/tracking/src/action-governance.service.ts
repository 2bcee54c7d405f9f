import { Injectable } from '@nestjs/common';
import { assertMay, challengeParts, decidesForBoard } from '#access';
import { type ActionChallenge, type ActionDateRequest, UnitOfWork, type FieldChange } from '#database';
import {
  checkNewDueDate,
  challengeEventsFor,
  dateRequestEventsFor,
  decideChallengeEvent,
  decideDateRequestEvent,
  decideNewChallenge,
  decideNewDateRequest,
  isClosed,
  type ChallengeEvent,
  type DateRequestEvent,
} from '#governance';
import { ActionsService, type Review } from './actions.service.js';
import { ActionRepository } from './action.repository.js';
import type { ActionDetailView } from './action-view.js';
import { ChallengeHooks } from './challenge-hooks.js';
import { GovernanceRepository } from './governance.repository.js';
import { challengeChanges, dateRequestDecision, dateRequestRoles, dueDateChanges, milestoneMetOn, newChallenge, newDateRequest, noteText } from './governance-rules.js';
import { journalEntry } from './journal-entry.js';
import type { NewMilestone } from './governance-writes.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { toChallengeView, toDateRequestView, toMilestoneView, type ChallengeView, type DateRequestView, type MilestoneView } from './governance-views.js';
import { throwRefusal } from './workflow-errors.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';

/**
 * Challenges, date change requests and milestones on an action. Each change is checked against the
 * caller's rights (#access) and the board's rules (#governance), stored with its journal entry in one
 * transaction (GovernanceRepository, ActionRepository), and answered with the action as it now is.
 * A governance change is a change to the action: it is marked as updated, so its lists and ETags move on.
 */
@Injectable()
export class ActionGovernanceService {
  constructor(
    private readonly governance: GovernanceRepository,
    private readonly actionRows: ActionRepository,
    private readonly actions: ActionsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly hooks: ChallengeHooks,
  ) {}

  // Challenges

  /**
   * Opens a challenge; once it is committed, the listeners hear of it (the API queues its alerts).
   * `asReview`: the LSCB chair's review with the outcome "challenged" is the same challenge, also on
   * record as their latest review, in the same transaction.
   */
  async raiseChallenge(actionId: number, question: string, context: RequestContext, options: { asReview?: boolean } = {}): Promise<ChallengeView> {
    let authorityCode = '';
    const view = await this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'action.challenge', action);
      authorityCode = action.authorityCode;
      const decision = decideNewChallenge({ roles: challengeParts(context, action), note: question });
      if (!decision.ok) throwRefusal(decision);
      const now = this.clock.now();
      const saved = await this.governance.insertChallenge(manager, newChallenge(action, question, context, now));
      await this.actionRows.appendJournal(manager, journalEntry(actionId, 'challenge', context, now, [{ field: 'challenge', from: null, to: 'open' }], saved.question));
      if (options.asReview) {
        assertMay(context, 'action.review', action);
        await this.actionRows.appendJournal(manager, journalEntry(actionId, 'review', context, now, [{ field: 'review', from: null, to: 'challenged' }], saved.question));
      }
      await this.actionRows.touch(manager, actionId, now);
      return toChallengeView(saved);
    });
    await this.hooks.opened({ id: view.id, actionId, authorityCode });
    return view;
  }

  /**
   * The LSCB chair's review. "Reviewed" is a journal entry; "challenged" opens a challenge the owning
   * team or the board must answer (and is their latest review too), so no challenge lives only in
   * the history.
   */
  async review(actionId: number, review: Review, context: RequestContext): Promise<ActionDetailView> {
    if (review.outcome === 'challenged') {
      await this.raiseChallenge(actionId, review.note, context, { asReview: true });
      return this.actions.get(actionId, context);
    }
    return this.actions.addReview(actionId, review, context);
  }

  async actOnChallenge(actionId: number, challengeId: number, event: ChallengeEvent, note: string | undefined, context: RequestContext): Promise<ChallengeView> {
    return this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'challenge.act', action);
      const challenge = await this.governance.findChallenge(manager, actionId, challengeId);
      if (!challenge) throw TrackingException.notFound('Challenge', challengeId);
      const decision = decideChallengeEvent({ state: challenge.state, event, roles: challengeParts(context, action), note });
      if (!decision.ok) throwRefusal(decision, { state: challenge.state, event });
      const now = this.clock.now();
      const text = noteText(note);
      const changes = challengeChanges(challenge, event, decision.to, text, context.actorName, now);
      await this.governance.updateChallenge(manager, challenge.id, changes);
      await this.actionRows.appendJournal(manager, journalEntry(actionId, 'challenge', context, now, [{ field: 'challenge', from: challenge.state, to: decision.to }], text));
      await this.actionRows.touch(manager, actionId, now);
      return toChallengeView({ ...challenge, ...changes } as ActionChallenge);
    });
  }

  /** The moves this caller could make on each challenge, for the forms a page offers. */
  challengeMoves(challenge: ChallengeView, action: { authorityCode: string; teamId: number | null }, context: RequestContext): ChallengeEvent[] {
    return challengeEventsFor(challenge.state, challengeParts(context, action));
  }

  /** The council's challenges that are not closed, oldest first. */
  async openChallenges(authorityCode: string, context: RequestContext): Promise<ChallengeView[]> {
    assertVisible(authorityCode, context);
    return (await this.governance.openChallengesOf(authorityCode)).map(toChallengeView);
  }

  // Date change requests

  /**
   * A new due date. From the owning team it is a request the board decides; from the board it is
   * applied at once and recorded as a request approved by them.
   */
  async requestDateChange(actionId: number, proposedDate: string, reason: string, context: RequestContext): Promise<DateRequestView> {
    return this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'date.request', action);
      const pendingExists = await this.governance.hasPendingDateRequest(manager, actionId);
      const board = decidesForBoard(context, action);
      const decision = decideNewDateRequest({
        proposedDate,
        reason,
        currentDueDate: action.dueDate,
        today: this.clock.today(),
        closed: isClosed(action.status),
        pendingExists: pendingExists && !board,
      });
      if (!decision.ok) throwRefusal(decision);
      const now = this.clock.now();
      const request = await this.governance.insertDateRequest(manager, newDateRequest(action, decision.proposedDate, reason, board, context, now));
      const changes: FieldChange[] = [{ field: 'dateRequest', from: null, to: request.state }];
      if (board) {
        await this.actionRows.moveDueDate(manager, action.id, decision.proposedDate, request.reason, now);
        changes.push(...dueDateChanges(action, decision.proposedDate, request.reason));
      }
      await this.actionRows.appendJournal(manager, journalEntry(actionId, 'date_request', context, now, changes, `${request.proposedDate}: ${request.reason}`));
      await this.actionRows.touch(manager, actionId, now);
      return toDateRequestView(request);
    });
  }

  async decideDateRequest(actionId: number, requestId: number, event: DateRequestEvent, note: string | undefined, context: RequestContext): Promise<DateRequestView> {
    return this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'date.decide', action);
      const request = await this.governance.findDateRequest(manager, actionId, requestId);
      if (!request) throw TrackingException.notFound('Date change request', requestId);
      const roles = dateRequestRoles(decidesForBoard(context, action), request, context.userId);
      const today = this.clock.today();
      const decision = decideDateRequestEvent({ state: request.state, event, roles, note, proposedDate: request.proposedDate, today });
      if (!decision.ok) throwRefusal(decision, { state: request.state, event });
      const now = this.clock.now();
      const changes = dateRequestDecision(decision.to, note, context, now);
      await this.governance.updateDateRequest(manager, request.id, changes);
      const recorded: FieldChange[] = [{ field: 'dateRequest', from: request.state, to: decision.to }];
      if (decision.to === 'approved') {
        const problem = checkNewDueDate({ proposed: request.proposedDate, current: action.dueDate, today });
        if (problem) throw new TrackingException(TrackingErrorCode.WORKFLOW_INCOMPLETE, problem, { allowed: ['reject', 'withdraw'] });
        await this.actionRows.moveDueDate(manager, action.id, request.proposedDate, request.reason, now);
        recorded.push(...dueDateChanges(action, request.proposedDate, request.reason));
      }
      await this.actionRows.appendJournal(manager, journalEntry(actionId, 'date_request', context, now, recorded, changes.decisionNote ?? null));
      await this.actionRows.touch(manager, actionId, now);
      return toDateRequestView({ ...request, ...changes } as ActionDateRequest);
    });
  }

  dateRequestMoves(request: DateRequestView, action: { authorityCode: string; teamId: number | null }, context: RequestContext): DateRequestEvent[] {
    return dateRequestEventsFor(request.state, dateRequestRoles(decidesForBoard(context, action), request, context.userId));
  }

  /** The council's pending date change requests, oldest first: the board's queue. */
  async pendingDateRequests(authorityCode: string, context: RequestContext): Promise<DateRequestView[]> {
    assertVisible(authorityCode, context);
    return (await this.governance.pendingDateRequestsOf(authorityCode)).map(toDateRequestView);
  }

  // Milestones

  async addMilestone(actionId: number, milestone: NewMilestone, context: RequestContext): Promise<MilestoneView> {
    return this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'action.plan', action);
      const now = this.clock.now();
      const saved = await this.actionRows.insertMilestone(manager, actionId, milestone, context, now);
      await this.actionRows.touch(manager, actionId, now);
      return toMilestoneView(saved);
    });
  }

  /** Ticks a milestone off as met today, or marks it not met again. */
  async markMilestone(actionId: number, milestoneId: number, met: boolean, context: RequestContext): Promise<MilestoneView> {
    return this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'action.deliver', action);
      const milestone = await this.governance.findMilestone(manager, actionId, milestoneId);
      if (!milestone) throw TrackingException.notFound('Milestone', milestoneId);
      const metOn = milestoneMetOn(milestone, met, this.clock.today());
      if (metOn !== milestone.metOn) {
        const now = this.clock.now();
        await this.governance.setMilestoneMetOn(manager, milestone.id, metOn);
        await this.actionRows.appendJournal(
          manager,
          journalEntry(actionId, 'milestone', context, now, [{ field: 'milestone', from: milestone.metOn ? 'met' : 'not met', to: metOn ? 'met' : 'not met' }], milestone.title),
        );
        await this.actionRows.touch(manager, actionId, now);
      }
      return toMilestoneView({ ...milestone, metOn });
    });
  }

  async removeMilestone(actionId: number, milestoneId: number, context: RequestContext): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'action.plan', action);
      const milestone = await this.governance.findMilestone(manager, actionId, milestoneId);
      if (!milestone) throw TrackingException.notFound('Milestone', milestoneId);
      const now = this.clock.now();
      await this.governance.deleteMilestone(manager, milestone.id);
      await this.actionRows.appendJournal(manager, journalEntry(actionId, 'milestone', context, now, [{ field: 'milestone', from: milestone.title, to: null }], 'Milestone removed'));
      await this.actionRows.touch(manager, actionId, now);
    });
  }
}

function assertVisible(authorityCode: string, context: RequestContext): void {
  if (!canSeeAuthority(context, authorityCode)) throw TrackingException.notFound('Authority', authorityCode);
}
