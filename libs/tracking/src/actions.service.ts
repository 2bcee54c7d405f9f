import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork, type Action } from '#database';
import type { ActionFilters } from './action-list.query.js';
import { actionCapacity, assertMay } from '#access';
import { toActionView, toJournalEntryView, type ActionDetailView, type ActionView, type JournalEntryView } from './action-view.js';
import { journalEntry } from './journal-entry.js';
import { AppConfig } from '#config';
import { assignsTeam, changesStatus, planActionChange, planNewAction, staleVersionRefusal, type ActionChanges, type NewAction } from './action-change-planner.js';
import { ActionRepository } from './action.repository.js';
import { refusalException } from './workflow-errors.js';
import { TrackingException } from './tracking.exception.js';
import { canSeeAuthority, Clock, type Page, type RequestContext } from '#core';

export type { ActionChanges, NewAction } from './action-change-planner.js';

export interface ProgressNote {
  note: string;
  evidenceLinks?: string[];
}

export type ReviewOutcome = 'reviewed' | 'challenged';

export interface Review {
  outcome: ReviewOutcome;
  note: string;
}

@Injectable()
export class ActionsService {
  constructor(
    private readonly actions: ActionRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  list(filters: ActionFilters, context: RequestContext): Promise<Page<ActionView>> {
    return this.actions.page(filters, context, this.clock.today(), this.config.RAG_BASIS);
  }

  /** The LSCB chair's list: open actions past their due date, oldest first. */
  overdue(filters: Omit<ActionFilters, 'overdue' | 'sort'>, context: RequestContext): Promise<Page<ActionView>> {
    return this.list({ ...filters, overdue: true, sort: 'dueDate' }, context);
  }

  /** The oldest of the overdue actions, for a page that shows their number from the summary. */
  oldestOverdue(filters: Omit<ActionFilters, 'overdue' | 'sort'>, context: RequestContext): Promise<ActionView[]> {
    return this.actions.items({ ...filters, overdue: true, sort: 'dueDate' }, context, this.clock.today(), this.config.RAG_BASIS);
  }

  async get(id: number, context: RequestContext): Promise<ActionDetailView> {
    const action = await this.findVisible(id, context);
    const [journal, records] = await Promise.all([this.actions.journalOf(id), this.actions.governanceRecordsOf(id)]);
    return { ...toActionView(action, this.clock.today(), this.config.RAG_BASIS), journal: journal.map(toJournalEntryView), ...records };
  }

  /** A recommendation the caller may see, with its report's council: another council's is not found. */
  async recommendation(id: number, context: RequestContext): Promise<{ id: number; reference: string; text: string; reportId: number; authorityCode: string }> {
    const recommendation = await this.unitOfWork.run((manager) => this.actions.recommendationWithReport(manager, id));
    if (!recommendation?.report || !canSeeAuthority(context, recommendation.report.authorityCode)) throw TrackingException.notFound('Recommendation', id);
    return { id: recommendation.id, reference: recommendation.reference, text: recommendation.text, reportId: recommendation.reportId, authorityCode: recommendation.report.authorityCode };
  }

  async create(input: NewAction, context: RequestContext): Promise<ActionDetailView> {
    const id = await this.unitOfWork.run(async (manager) => {
      const recommendation = await this.actions.recommendationWithReport(manager, input.recommendationId);
      if (!recommendation?.report || !canSeeAuthority(context, recommendation.report.authorityCode)) {
        throw TrackingException.notFound('Recommendation', input.recommendationId);
      }
      const { authorityCode, baselineDate } = recommendation.report;
      assertMay(context, 'action.create', { authorityCode });
      const plan = planNewAction({
        input,
        recommendation,
        authorityCode,
        baselineDate,
        sibling: await this.actions.firstActionOf(manager, recommendation.id),
        assignedTeamAuthority: input.teamId != null ? await this.actions.teamAuthority(manager, input.teamId) : undefined,
        today: this.clock.today(),
      });
      if (!plan.ok) throw refusalException(plan);
      const now = this.clock.now();
      const actionId = await this.actions.insert(manager, plan.action, now);
      await this.actions.appendJournal(manager, journalEntry(actionId, 'created', context, now, [], 'Added by hand'));
      for (const milestone of input.milestones ?? []) await this.actions.insertMilestone(manager, actionId, milestone, context, now);
      return actionId;
    });
    return this.get(id, context);
  }

  /**
   * Applies changes only if the caller saw the current version: the version check and the update
   * are one conditional UPDATE, so of two concurrent writers exactly one wins. What may change and
   * what the journal says of it are the change planner's rules.
   */
  async update(id: number, changes: ActionChanges, expectedVersion: number, context: RequestContext): Promise<ActionDetailView> {
    await this.unitOfWork.run(async (manager) => {
      const action = await this.findVisible(id, context, manager);
      assertMay(context, 'action.update', action, changes);
      const counts = action.version === expectedVersion && changesStatus(action, changes) ? await this.actions.workflowCounts(manager, id) : undefined;
      const now = this.clock.now();
      const plan = planActionChange({
        action,
        changes,
        expectedVersion,
        capacity: actionCapacity(context, action),
        actorName: context.actorName,
        today: this.clock.today(),
        now,
        evidenceOnAction: counts?.evidence,
        openChallenges: counts?.openChallenges,
        assignedTeamAuthority: assignsTeam(changes) ? await this.actions.teamAuthority(manager, changes.teamId) : undefined,
      });
      if (!plan.ok) throw refusalException(plan);
      if (!plan.journal) return;
      if (plan.journal.changes.length > 0 && !(await this.actions.applyChange(manager, id, expectedVersion, plan.set, now))) {
        throw refusalException(staleVersionRefusal(undefined));
      }
      // The board's own change of date is on record as a request approved by them.
      if (plan.boardDateChange) await this.actions.recordBoardDateChange(manager, action, plan.boardDateChange.dueDate, plan.boardDateChange.reason, context, now);
      const { kind, changes: recorded, note, evidenceLinks } = plan.journal;
      await this.actions.appendJournal(manager, journalEntry(id, kind, context, now, recorded, note, evidenceLinks));
    });
    return this.get(id, context);
  }

  async addProgress(id: number, progress: ProgressNote, context: RequestContext): Promise<ActionDetailView> {
    await this.unitOfWork.run(async (manager) => {
      assertMay(context, 'action.progress', await this.findVisible(id, context, manager));
      const now = this.clock.now();
      await this.actions.appendJournal(manager, journalEntry(id, 'progress', context, now, [], progress.note, progress.evidenceLinks ?? []));
      await this.actions.touch(manager, id, now);
    });
    return this.get(id, context);
  }

  /**
   * The LSCB chair's verdict on an action: a journal entry only. It changes neither status nor
   * version, so a review never makes a team's open edit form stale.
   */
  async addReview(id: number, review: Review, context: RequestContext): Promise<ActionDetailView> {
    await this.unitOfWork.run(async (manager) => {
      assertMay(context, 'action.review', await this.findVisible(id, context, manager));
      await this.actions.appendJournal(manager, journalEntry(id, 'review', context, this.clock.now(), [{ field: 'review', from: null, to: review.outcome }], review.note.trim()));
    });
    return this.get(id, context);
  }

  /** The most recent LSCB chair review of each of these actions (the caller must be able to see them). */
  async latestReviews(actionIds: readonly number[]): Promise<Map<number, JournalEntryView>> {
    if (actionIds.length === 0) return new Map();
    const reviews = await this.actions.reviewsOf(actionIds);
    return new Map(reviews.map((review) => [review.actionId, toJournalEntryView(review)]));
  }

  /** Loads an action the caller may see; another authority's action is reported as not found. */
  async findVisible(id: number, context: RequestContext, manager?: EntityManager): Promise<Action> {
    const action = await this.actions.find(id, manager);
    if (!action || !canSeeAuthority(context, action.authorityCode)) throw TrackingException.notFound('Action', id);
    return action;
  }
}

export { journalEntry } from './journal-entry.js';
