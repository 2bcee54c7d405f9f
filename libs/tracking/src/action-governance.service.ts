import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, type EntityManager, type Repository } from 'typeorm';
import { assertMay, challengeParts, decidesForBoard } from '#access';
import { Action, ActionChallenge, ActionDateRequest, ActionMilestone, ActionUpdate, UnitOfWork, type FieldChange } from '#database';
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
import type { ActionDetailView } from './action-view.js';
import { ChallengeHooks } from './challenge-hooks.js';
import { journalEntry } from './journal-entry.js';
import { insertMilestone, type NewMilestone } from './governance-writes.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { toChallengeView, toDateRequestView, toMilestoneView, type ChallengeView, type DateRequestView, type MilestoneView } from './governance-views.js';
import { throwRefusal } from './workflow-errors.js';
import { canSeeAuthority, Clock, type IsoDate, type RequestContext } from '#core';


/**
 * Challenges, date change requests and milestones on an action. Each change is checked against the
 * caller's rights (#access) and the board's rules (#governance), stored with its journal entry in one
 * transaction, and answered with the action as it now is.
 */
@Injectable()
export class ActionGovernanceService {
  constructor(
    @InjectRepository(ActionChallenge) private readonly challenges: Repository<ActionChallenge>,
    @InjectRepository(ActionDateRequest) private readonly dateRequests: Repository<ActionDateRequest>,
    @InjectRepository(ActionMilestone) private readonly milestones: Repository<ActionMilestone>,
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
      const saved = await manager.save(
        manager.create(ActionChallenge, {
          actionId,
          authorityCode: action.authorityCode,
          state: 'open',
          raisedByUserId: context.userId,
          raisedByName: context.actorName,
          question: question.trim(),
          response: null,
          respondedByName: null,
          respondedAt: null,
          closedByName: null,
          closedAt: null,
          rounds: 1,
        }),
      );
      await manager.insert(ActionUpdate, journalEntry(actionId, 'challenge', context, this.clock.now(), [{ field: 'challenge', from: null, to: 'open' }], saved.question));
      if (options.asReview) {
        assertMay(context, 'action.review', action);
        await manager.insert(ActionUpdate, journalEntry(actionId, 'review', context, this.clock.now(), [{ field: 'review', from: null, to: 'challenged' }], saved.question));
      }
      await touch(manager, actionId, this.clock.now());
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
      const challenge = await manager.findOne(ActionChallenge, { where: { id: challengeId, actionId } });
      if (!challenge) throw TrackingException.notFound('Challenge', challengeId);
      const decision = decideChallengeEvent({ state: challenge.state, event, roles: challengeParts(context, action), note });
      if (!decision.ok) throwRefusal(decision, { state: challenge.state, event });
      const now = this.clock.now();
      const text = note?.trim() || null;
      const changes: Partial<ActionChallenge> = { state: decision.to };
      if (event === 'respond') Object.assign(changes, { response: text, respondedByName: context.actorName, respondedAt: now });
      if (event === 'close') Object.assign(changes, { closedByName: context.actorName, closedAt: now });
      if (event === 'challenge_again') Object.assign(changes, { question: text, rounds: challenge.rounds + 1 });
      await manager.update(ActionChallenge, { id: challenge.id }, changes);
      await manager.insert(ActionUpdate, journalEntry(actionId, 'challenge', context, this.clock.now(), [{ field: 'challenge', from: challenge.state, to: decision.to }], text));
      await touch(manager, actionId, this.clock.now());
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
    const rows = await this.challenges.find({ where: { authorityCode, state: Not('closed' as const) }, order: { id: 'ASC' } });
    return rows.map(toChallengeView);
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
      const pendingExists = (await manager.count(ActionDateRequest, { where: { actionId, state: 'pending' } })) > 0;
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
      const request = await manager.save(
        manager.create(ActionDateRequest, {
          actionId,
          authorityCode: action.authorityCode,
          state: board ? 'approved' : 'pending',
          previousDueDate: action.dueDate,
          proposedDate: decision.proposedDate,
          reason: reason.trim(),
          requestedByUserId: context.userId,
          requestedByName: context.actorName,
          decidedByUserId: board ? context.userId : null,
          decidedByName: board ? context.actorName : null,
          decisionNote: null,
          decidedAt: board ? now : null,
        }),
      );
      const changes: FieldChange[] = [{ field: 'dateRequest', from: null, to: request.state }];
      if (board) changes.push(...(await applyDueDate(manager, action, decision.proposedDate, request.reason, this.clock.now())));
      await manager.insert(ActionUpdate, journalEntry(actionId, 'date_request', context, this.clock.now(), changes, `${request.proposedDate}: ${request.reason}`));
      await touch(manager, actionId, this.clock.now());
      return toDateRequestView(request);
    });
  }

  async decideDateRequest(actionId: number, requestId: number, event: DateRequestEvent, note: string | undefined, context: RequestContext): Promise<DateRequestView> {
    return this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'date.decide', action);
      const request = await manager.findOne(ActionDateRequest, { where: { id: requestId, actionId } });
      if (!request) throw TrackingException.notFound('Date change request', requestId);
      const roles = new Set<'board' | 'requester'>();
      if (decidesForBoard(context, action)) roles.add('board');
      if (context.userId !== null && request.requestedByUserId === context.userId) roles.add('requester');
      const decision = decideDateRequestEvent({ state: request.state, event, roles, note, proposedDate: request.proposedDate, today: this.clock.today() });
      if (!decision.ok) throwRefusal(decision, { state: request.state, event });
      const changes: Partial<ActionDateRequest> = { state: decision.to, decidedByUserId: context.userId, decidedByName: context.actorName, decisionNote: note?.trim() || null, decidedAt: this.clock.now() };
      await manager.update(ActionDateRequest, { id: request.id }, changes);
      const recorded: FieldChange[] = [{ field: 'dateRequest', from: request.state, to: decision.to }];
      if (decision.to === 'approved') {
        const problem = checkNewDueDate({ proposed: request.proposedDate, current: action.dueDate, today: this.clock.today() });
        if (problem) throw new TrackingException(TrackingErrorCode.WORKFLOW_INCOMPLETE, problem, { allowed: ['reject', 'withdraw'] });
        recorded.push(...(await applyDueDate(manager, action, request.proposedDate, request.reason, this.clock.now())));
      }
      await manager.insert(ActionUpdate, journalEntry(actionId, 'date_request', context, this.clock.now(), recorded, changes.decisionNote ?? null));
      await touch(manager, actionId, this.clock.now());
      return toDateRequestView({ ...request, ...changes } as ActionDateRequest);
    });
  }

  dateRequestMoves(request: DateRequestView, action: { authorityCode: string; teamId: number | null }, context: RequestContext): DateRequestEvent[] {
    const roles = new Set<'board' | 'requester'>();
    if (decidesForBoard(context, action)) roles.add('board');
    if (context.userId !== null && request.requestedByUserId === context.userId) roles.add('requester');
    return dateRequestEventsFor(request.state, roles);
  }

  /** The council's pending date change requests, oldest first: the board's queue. */
  async pendingDateRequests(authorityCode: string, context: RequestContext): Promise<DateRequestView[]> {
    assertVisible(authorityCode, context);
    const rows = await this.dateRequests.find({ where: { authorityCode, state: 'pending' }, order: { id: 'ASC' } });
    return rows.map(toDateRequestView);
  }

  // Milestones

  async addMilestone(actionId: number, milestone: NewMilestone, context: RequestContext): Promise<MilestoneView> {
    return this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'action.plan', action);
      const saved = await insertMilestone(manager, actionId, milestone, context, this.clock.now());
      await touch(manager, actionId, this.clock.now());
      return toMilestoneView(saved);
    });
  }

  /** Ticks a milestone off as met today, or marks it not met again. */
  async markMilestone(actionId: number, milestoneId: number, met: boolean, context: RequestContext): Promise<MilestoneView> {
    return this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'action.deliver', action);
      const milestone = await manager.findOne(ActionMilestone, { where: { id: milestoneId, actionId } });
      if (!milestone) throw TrackingException.notFound('Milestone', milestoneId);
      const metOn = met ? (milestone.metOn ?? this.clock.today()) : null;
      if (metOn !== milestone.metOn) {
        await manager.update(ActionMilestone, { id: milestone.id }, { metOn });
        await manager.insert(
          ActionUpdate,
          journalEntry(actionId, 'milestone', context, this.clock.now(), [{ field: 'milestone', from: milestone.metOn ? 'met' : 'not met', to: metOn ? 'met' : 'not met' }], milestone.title),
        );
        await touch(manager, actionId, this.clock.now());
      }
      return toMilestoneView({ ...milestone, metOn });
    });
  }

  async removeMilestone(actionId: number, milestoneId: number, context: RequestContext): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      const action = await this.actions.findVisible(actionId, context, manager);
      assertMay(context, 'action.plan', action);
      const milestone = await manager.findOne(ActionMilestone, { where: { id: milestoneId, actionId } });
      if (!milestone) throw TrackingException.notFound('Milestone', milestoneId);
      await manager.delete(ActionMilestone, { id: milestone.id });
      await manager.insert(ActionUpdate, journalEntry(actionId, 'milestone', context, this.clock.now(), [{ field: 'milestone', from: milestone.title, to: null }], 'Milestone removed'));
      await touch(manager, actionId, this.clock.now());
    });
  }
}

/** Moves the due date (never the original one) and says what changed, for the journal. */
async function applyDueDate(manager: EntityManager, action: Action, dueDate: IsoDate, reason: string, now: Date): Promise<FieldChange[]> {
  await manager
    .createQueryBuilder()
    .update(Action)
    .set({ dueDate, dueDateReason: reason, dueDateAssumed: false, version: () => 'version + 1', updatedAt: now })
    .where('id = :id', { id: action.id })
    .execute();
  return [
    { field: 'dueDate', from: action.dueDate, to: dueDate },
    { field: 'dueDateReason', from: action.dueDateReason, to: reason },
  ];
}

function assertVisible(authorityCode: string, context: RequestContext): void {
  if (!canSeeAuthority(context, authorityCode)) throw TrackingException.notFound('Authority', authorityCode);
}

/** A governance change is a change to the action: its lists and ETags move on. */
async function touch(manager: EntityManager, actionId: number, now: Date): Promise<void> {
  await manager.createQueryBuilder().update(Action).set({ updatedAt: now }).where('id = :id', { id: actionId }).execute();
}

