import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { Action, ActionUpdate, Recommendation, Team, UnitOfWork, type FieldChange } from '#database';
import { queryActionPage, type ActionFilters } from './action-list.query.js';
import { assertMay } from '#access';
import { actionTitleFrom } from './action-title.js';
import { toActionView, toJournalEntryView, type ActionDetailView, type ActionView, type JournalEntryView } from './action-view.js';
import { checkNewDueDate, decideStatusChange } from '#governance';
import { journalEntry } from './journal-entry.js';
import { governanceRecordsOf } from './governance-views.js';
import { insertMilestone, recordBoardDateChange, type NewMilestone } from './governance-writes.js';
import { AppConfig } from '#config';
import { actionCapacity } from '#access';
import { throwRefusal } from './workflow-errors.js';
import { countEvidence, countOpenChallenges } from './governance-counts.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { type ActionStatus, canSeeAuthority, Clock, type IsoDate, type Page, type Rag, type RequestContext } from '#core';

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

export interface ProgressNote {
  note: string;
  evidenceLinks?: string[];
}

export type ReviewOutcome = 'reviewed' | 'challenged';

export interface Review {
  outcome: ReviewOutcome;
  note: string;
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

@Injectable()
export class ActionsService {
  constructor(
    @InjectRepository(Action) private readonly actions: Repository<Action>,
    @InjectRepository(ActionUpdate) private readonly updates: Repository<ActionUpdate>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  list(filters: ActionFilters, context: RequestContext): Promise<Page<ActionView>> {
    return queryActionPage(this.dataSource, filters, context, this.clock.today(), this.config.RAG_BASIS);
  }

  /** The LSCB chair's list: open actions past their due date, oldest first. */
  overdue(filters: Omit<ActionFilters, 'overdue' | 'sort'>, context: RequestContext): Promise<Page<ActionView>> {
    return this.list({ ...filters, overdue: true, sort: 'dueDate' }, context);
  }

  async get(id: number, context: RequestContext): Promise<ActionDetailView> {
    const action = await this.findVisible(id, context);
    const [journal, records] = await Promise.all([this.updates.find({ where: { actionId: id }, order: { id: 'ASC' } }), governanceRecordsOf(this.dataSource.manager, id)]);
    return { ...toActionView(action, this.clock.today(), this.config.RAG_BASIS), journal: journal.map(toJournalEntryView), ...records };
  }

  async create(input: NewAction, context: RequestContext): Promise<ActionDetailView> {
    const id = await this.unitOfWork.run(async (manager) => {
      const recommendation = await manager.findOne(Recommendation, { where: { id: input.recommendationId }, relations: { report: true } });
      if (!recommendation?.report || !canSeeAuthority(context, recommendation.report.authorityCode)) {
        throw TrackingException.notFound('Recommendation', input.recommendationId);
      }
      assertMay(context, 'action.create', { authorityCode: recommendation.report.authorityCode });
      const sibling = await manager.findOne(Action, { where: { recommendationId: recommendation.id }, order: { id: 'ASC' } });
      if (input.teamId != null) await this.assertTeamOf(manager, input.teamId, recommendation.report.authorityCode);
      if (input.dueDate && !input.dueDateReason) {
        throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'dueDateReason is required when a due date is set by hand');
      }
      const today = this.clock.today();
      for (const date of [input.dueDate, ...(input.milestones ?? []).map((milestone) => milestone.dueDate)]) {
        if (date && date < today) throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `The date ${date} is in the past: choose today (${today}) or later`);
      }
      const derivedDue = sibling?.originalDueDate ?? recommendation.report.baselineDate;
      const action = manager.create(Action, {
        recommendationId: recommendation.id,
        reportId: recommendation.reportId,
        authorityCode: recommendation.report.authorityCode,
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
        dueDateAssumed: input.dueDate ? false : (sibling?.dueDateAssumed ?? false),
        dueDateReason: input.dueDate ? (input.dueDateReason ?? null) : null,
        whatWillBeDone: input.whatWillBeDone?.trim() || null,
        successMeasure: input.successMeasure?.trim() || null,
        completedAt: null,
        signedOffAt: null,
        signedOffBy: null,
      });
      const saved = await manager.save(action);
      await manager.insert(ActionUpdate, journalEntry(saved.id, 'created', context, [], 'Added by hand'));
      for (const milestone of input.milestones ?? []) await insertMilestone(manager, saved.id, milestone, context);
      return saved.id;
    });
    return this.get(id, context);
  }

  /**
   * Applies changes only if the caller saw the current version: the version check and the update
   * are one conditional UPDATE, so of two concurrent writers exactly one wins.
   */
  async update(id: number, changes: ActionChanges, expectedVersion: number, context: RequestContext): Promise<ActionDetailView> {
    await this.unitOfWork.run(async (manager) => {
      const action = await this.findVisible(id, context, manager);
      assertMay(context, 'action.update', action, changes);
      if (action.version !== expectedVersion) throw staleVersion(action.version);
      const set: Partial<Action> = {};
      const recorded: FieldChange[] = [];
      type Recordable = 'status' | 'teamId' | 'leadOfficer' | 'title' | 'dueDate' | 'dueDateReason' | 'ragOverride' | 'ragOverrideNote' | 'whatWillBeDone' | 'successMeasure';
      const record = <K extends Recordable>(field: K, to: Action[K]) => {
        if (action[field] !== to) {
          (set as Record<K, Action[K]>)[field] = to;
          recorded.push({ field, from: action[field], to });
        }
      };

      if (changes.status !== undefined && changes.status !== action.status) {
        const decision = decideStatusChange({
          from: action.status,
          to: changes.status,
          capacity: actionCapacity(context, action),
          note: changes.note,
          evidenceCount: (await countEvidence(manager, id)) + (changes.evidenceLinks?.length ?? 0),
          openChallenges: await countOpenChallenges(manager, id),
        });
        if (!decision.ok) throwRefusal(decision, { from: action.status, to: changes.status });
        record('status', changes.status);
        const now = this.clock.now();
        if (decision.move.name === 'propose_completion') set.completedAt = now;
        if (decision.move.name === 'sign_off') {
          set.signedOffAt = now;
          set.signedOffBy = context.actorName;
        }
        if (decision.move.name === 'return' || decision.move.name === 'reopen') {
          set.completedAt = null;
          set.signedOffAt = null;
          set.signedOffBy = null;
        }
      }
      if (changes.teamId !== undefined) {
        if (changes.teamId !== null) await this.assertTeamOf(manager, changes.teamId, action.authorityCode);
        record('teamId', changes.teamId);
      }
      if (changes.leadOfficer !== undefined) record('leadOfficer', changes.leadOfficer);
      if (changes.whatWillBeDone !== undefined) record('whatWillBeDone', changes.whatWillBeDone?.trim() || null);
      if (changes.successMeasure !== undefined) record('successMeasure', changes.successMeasure?.trim() || null);
      if (changes.title !== undefined) record('title', changes.title);
      if (changes.dueDate !== undefined) {
        if (!changes.dueDateReason?.trim()) {
          throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'dueDateReason is required when the due date changes: say why it was re-programmed');
        }
        if (changes.dueDate !== action.dueDate) {
          const problem = checkNewDueDate({ proposed: changes.dueDate, current: action.dueDate, today: this.clock.today() });
          if (problem) throw new TrackingException(TrackingErrorCode.INVALID_INPUT, problem);
          record('dueDate', changes.dueDate);
          record('dueDateReason', changes.dueDateReason.trim());
          set.dueDateAssumed = false;
          // The board's own change of date is on record as a request approved by them.
          await recordBoardDateChange(manager, action, changes.dueDate, changes.dueDateReason.trim(), context, this.clock.now());
        }
      }
      if (changes.ragOverride !== undefined) {
        if (changes.ragOverride !== null && !changes.ragOverrideNote?.trim()) {
          throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'ragOverrideNote is required when overriding the RAG rating: say why');
        }
        record('ragOverride', changes.ragOverride);
        record('ragOverrideNote', changes.ragOverride === null ? null : changes.ragOverrideNote!.trim());
      }
      if (recorded.length === 0 && !changes.note && !changes.evidenceLinks?.length) return;

      if (recorded.length > 0) {
        const result = await manager
          .createQueryBuilder()
          .update(Action)
          .set({ ...set, version: () => 'version + 1', updatedAt: () => 'CURRENT_TIMESTAMP' })
          .where('id = :id AND version = :version', { id, version: expectedVersion })
          .execute();
        if (result.affected === 0) throw staleVersion(undefined);
      }
      await manager.insert(ActionUpdate, journalEntry(id, recorded.length > 0 ? 'changed' : 'progress', context, recorded, changes.note ?? null, changes.evidenceLinks ?? []));
    });
    return this.get(id, context);
  }

  async addProgress(id: number, progress: ProgressNote, context: RequestContext): Promise<ActionDetailView> {
    await this.unitOfWork.run(async (manager) => {
      assertMay(context, 'action.progress', await this.findVisible(id, context, manager));
      await manager.insert(ActionUpdate, journalEntry(id, 'progress', context, [], progress.note, progress.evidenceLinks ?? []));
      await manager.createQueryBuilder().update(Action).set({ updatedAt: () => 'CURRENT_TIMESTAMP' }).where('id = :id', { id }).execute();
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
      await manager.insert(ActionUpdate, journalEntry(id, 'review', context, [{ field: 'review', from: null, to: review.outcome }], review.note.trim()));
    });
    return this.get(id, context);
  }

  /** The most recent LSCB chair review of each of these actions (the caller must be able to see them). */
  async latestReviews(actionIds: readonly number[]): Promise<Map<number, JournalEntryView>> {
    if (actionIds.length === 0) return new Map();
    const reviews = await this.updates.find({ where: { actionId: In([...actionIds]), kind: 'review' }, order: { id: 'ASC' } });
    return new Map(reviews.map((review) => [review.actionId, toJournalEntryView(review)]));
  }

  /** Loads an action the caller may see; another authority's action is reported as not found. */
  async findVisible(id: number, context: RequestContext, manager?: EntityManager): Promise<Action> {
    const repository = manager ? manager.getRepository(Action) : this.actions;
    const action = await repository.findOne({ where: { id }, relations: { team: true, recommendation: true } });
    if (!action || !canSeeAuthority(context, action.authorityCode)) throw TrackingException.notFound('Action', id);
    return action;
  }

  private async assertTeamOf(manager: EntityManager, teamId: number, authorityCode: string): Promise<void> {
    const team = await manager.findOne(Team, { where: { id: teamId } });
    if (!team || team.authorityCode !== authorityCode) {
      throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `Team ${teamId} is not a team of authority ${authorityCode}`);
    }
  }
}

function staleVersion(current: number | undefined): TrackingException {
  return new TrackingException(
    TrackingErrorCode.STALE_VERSION,
    'This action was changed by someone else since you loaded it; reload it and apply your change again',
    current === undefined ? {} : { currentVersion: current },
  );
}

export { journalEntry } from './journal-entry.js';
