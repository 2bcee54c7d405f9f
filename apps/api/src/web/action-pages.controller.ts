import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import { EvidenceUploadInterceptor, type UploadedEvidence } from '../http/evidence-uploads.js';
import { sendEvidenceFile } from '../http/evidence-download.js';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  actionCapacity,
  holdsPermissionIn,
  decidesForBoard,
  mayActOnChallenge,
  mayAddProgress,
  mayChallengeAction,
  mayDecideDateChange,
  mayPlanAction,
  mayRecordDelivery,
  mayRequestDateChange,
  mayReviewAction,
  mayUpdateAction,
  rolesIn,
  type ActionResource,
  type Decision,
} from '#access';
import { describeSlippage, movesFor } from '#governance';
import { AppConfig } from '#config';
import { ActionGovernanceService, ActionsService, EvidenceFilesService, ReportsService, TeamsService, type ActionChanges, type ActionFilters, type JournalEntryView, type TeamView } from '#tracking';
import { BoardMeetingsService, currentMeeting, RepeatLinksService } from '#board';
import { CycleUpdateForm } from './meeting-forms.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { MultipartFormWith } from '../auth/file-upload.decorator.js';
import { ActionPageQuery, ActionsPageQuery } from './page-queries.js';
import { longDate, RAG_LABELS } from './labels.js';
import { PageShell } from './page-shell.service.js';
import { RenderedFragments } from './rendered-fragments.js';
import { formRefusal } from './form-refusals.js';
import { evidenceLinesOf } from '../http/field-rules.js';
import {
  ChallengeEventForm,
  ChallengeForm,
  dateOfParts,
  DateDecisionForm,
  DateRequestForm,
  DueDateForm,
  formProblem,
  MilestoneForm,
  MilestoneMetForm,
  NO_PROBLEMS,
  OwnerForm,
  PlanForm,
  ProgressForm,
  RagForm,
  readForm,
  ReviewForm,
  StatusForm,
  type FormProblems,
} from './web-forms.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { ACTION_STATUSES, ADDRESSEE_WORDING, ADDRESSEES, Clock, RAGS, type RequestContext, STATUS_WORDING, TIMEFRAME_WORDING, TIMEFRAMES } from '#core';

const PAGE_SIZE = 25;

/** The actions list's filter form, assigning fields and page links, each rendered once for each set of values it shows. */
const ACTIONS_FILTER_FORM = new RenderedFragments('_actions-filter.njk');
const ACTIONS_TRIAGE_FIELDS = new RenderedFragments('_actions-triage-fields.njk');
const PAGE_LINKS = new RenderedFragments('_pagination.njk');
const DUE_DATE_FIELDS = new RenderedFragments('_due-date-fields.njk');
const MILESTONE_FIELDS = new RenderedFragments('_milestone-fields.njk');
const PROGRESS_FIELDS = new RenderedFragments('_progress-fields.njk');
const PLAN_FIELDS = new RenderedFragments('_plan-fields.njk');
const RAG_FIELDS = new RenderedFragments('_rag-fields.njk');
const EVIDENCE_FIELDS = new RenderedFragments('_evidence-fields.njk');
const STATUS_FIELDS = new RenderedFragments('_status-fields.njk');
const OWNER_FIELDS = new RenderedFragments('_owner-fields.njk');
const CHALLENGE_FIELDS = new RenderedFragments('_challenge-fields.njk');

/** What the notification banner says after each kind of change. */
const SAVED_NOTICES: Record<string, string> = {
  status: 'The status was changed.',
  progress: 'Your progress note was added.',
  owner: 'The owner was changed.',
  'due-date': 'The due date was re-programmed.',
  review: 'Your review was recorded.',
  repeat: 'Your decision on the earlier recommendation was recorded.',
  challenge: 'The challenge was recorded. It shows on the action and the dashboard until it is closed.',
  'challenge-event': 'The challenge was updated.',
  'date-request': 'Your request for a new due date was sent to the board.',
  'date-decision': 'The date change request was decided.',
  milestone: 'The milestone was saved.',
  evidence: 'The evidence file was uploaded.',
  plan: 'The plan was saved.',
  rag: 'The RAG rating was changed.',
  report: 'The report was uploaded and an action created for each of its recommendations.',
  assigned: 'The selected actions were assigned.',
  created: 'The action was added to the plan.',
  'cycle-update': 'Your update for the board meeting was saved.',
};

/** What a re-shown action page keeps of what was typed, so nothing has to be typed twice. */
type TypedValues = Record<string, string | undefined>;

@ApiExcludeController()
@Controller('actions')
export class ActionPagesController {
  constructor(
    private readonly shell: PageShell,
    private readonly actions: ActionsService,
    private readonly reports: ReportsService,
    private readonly teams: TeamsService,
    private readonly repeatLinks: RepeatLinksService,
    private readonly governance: ActionGovernanceService,
    private readonly evidence: EvidenceFilesService,
    private readonly config: AppConfig,
    private readonly meetings: BoardMeetingsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Query() query: ActionsPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.authorityFor(context, query.authority);
    const page = query.page ?? 1;
    const filters: ActionFilters = {
      authority: authority?.code,
      reportId: query.report,
      teamId: query.team && query.team !== 'none' ? Number(query.team) : undefined,
      unassigned: query.team === 'none' || undefined,
      status: query.status,
      rag: query.rag,
      timeframe: query.timeframe,
      addressee: query.addressee,
      overdue: query.overdue,
      reprogrammed: query.reprogrammed,
      q: query.q,
      sort: query.sort || 'dueDate',
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    };
    const [results, reports, teams] = await Promise.all([
      this.actions.list(filters, context),
      authority ? this.reports.list(context, authority.code) : Promise.resolve([]),
      authority ? this.teams.list(context, authority.code) : Promise.resolve([]),
    ]);
    const pageCount = Math.max(1, Math.ceil(results.total / PAGE_SIZE));
    const link = (changes: Record<string, string | number | undefined>) => actionsLink({ ...queryOf(query, authority?.code), ...changes });
    const choices = {
      status: ACTION_STATUSES.map((value) => ({ value, text: STATUS_WORDING[value], checked: query.status?.includes(value) ?? false })),
      rag: RAGS.map((value) => ({ value, text: RAG_LABELS[value], checked: query.rag?.includes(value) ?? false })),
      timeframe: TIMEFRAMES.map((value) => ({ value, text: TIMEFRAME_WORDING[value], checked: query.timeframe?.includes(value) ?? false })),
      addressee: ADDRESSEES.map((value) => ({ value, text: ADDRESSEE_WORDING[value], checked: query.addressee?.includes(value) ?? false })),
    };
    const clearLink = actionsLink({ authority: authority?.code });
    // Ticking actions to give them an owner in one step: for whoever may reassign this council's actions.
    const triage = authority !== null && mayUpdateAction(context, { authorityCode: authority.code, teamId: null }, { teamId: true }).allowed;
    const pageLinks = pagination(page, pageCount, (number) => link({ page: number }));
    response.render('actions', {
      title: authority ? `${authority.name}: actions` : 'Actions',
      layout: this.shell.layout(request, 'actions', authority),
      authority,
      query,
      results,
      page,
      pageCount,
      reports,
      teams,
      filterForm: ACTIONS_FILTER_FORM.render(response, { authority, query, reports, teams, choices, clearLink }),
      selectedFilters: selectedFilters(query, reports, teams),
      sortLink: link({ sort: filters.sort === 'dueDate' ? '-dueDate' : 'dueDate', page: undefined }),
      sortDirection: filters.sort === '-dueDate' ? 'descending' : 'ascending',
      pagination: pageLinks,
      paginationHtml: pageLinks ? PAGE_LINKS.render(response, { pagination: pageLinks }) : undefined,
      notice: query.saved ? SAVED_NOTICES[query.saved] : undefined,
      triage,
      triageFields: triage ? ACTIONS_TRIAGE_FIELDS.render(response, { teams: teams.map((team) => ({ id: team.id, name: team.name })) }) : undefined,
      back: actionsLink({ ...queryOf(query, authority?.code) }),
    });
  }

  @Get(':id')
  async show(@Param('id', ParseIdPipe) id: number, @Query() query: ActionPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.render(request, response, id, { notice: query.saved ? SAVED_NOTICES[query.saved] : undefined });
  }

  @Post(':id/status')
  async changeStatus(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'status', (context, resource) => mayUpdateAction(context, resource, { status: true }))) return;
    const { form, problems } = await readForm(StatusForm, body, ['status', 'statusNote', 'statusEvidenceLinks']);
    const evidenceLinks = evidenceLinesOf(form.statusEvidenceLinks) ?? undefined;
    await this.save(request, response, id, 'status', problems, { status: form.status, statusNote: form.statusNote, statusEvidenceLinks: form.statusEvidenceLinks }, () =>
      this.actions.update(id, { status: form.status, note: form.statusNote || undefined, evidenceLinks }, form.version, request.caller!.context),
    );
  }

  @Post(':id/progress')
  async addProgress(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'progress', mayAddProgress)) return;
    const { form, problems } = await readForm(ProgressForm, body, ['progressNote', 'evidenceLinks']);
    const evidenceLinks = evidenceLinesOf(form.evidenceLinks) ?? [];
    await this.save(request, response, id, 'progress', problems, { progressNote: form.progressNote, evidenceLinks: form.evidenceLinks }, () =>
      this.actions.addProgress(id, { note: form.progressNote, evidenceLinks }, request.caller!.context),
    );
  }

  @Post(':id/owner')
  async changeOwner(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'owner', (context, resource) => mayUpdateAction(context, resource, { teamId: true }))) return;
    const { form, problems } = await readForm(OwnerForm, body, ['teamId', 'leadOfficer']);
    const changes: ActionChanges = { teamId: form.teamId, leadOfficer: form.leadOfficer || null };
    await this.save(request, response, id, 'owner', problems, { teamId: form.teamId === null ? '' : String(form.teamId), leadOfficer: form.leadOfficer }, () =>
      this.actions.update(id, changes, form.version, request.caller!.context),
    );
  }

  @Post(':id/due-date')
  async changeDueDate(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'due-date', (context, resource) => mayUpdateAction(context, resource, { dueDate: true }))) return;
    const { form, problems } = await readForm(DueDateForm, body, ['dueDateDay', 'dueDateReason']);
    const dueDate = form.dueDate();
    if (!dueDate && !problems.byField.dueDateDay) {
      problems.byField.dueDateDay = 'Enter the new due date as a real date, for example 27 3 2026';
      problems.list.unshift({ href: '#dueDateDay', text: problems.byField.dueDateDay });
    }
    const typed = { dueDateDay: form.dueDateDay, dueDateMonth: form.dueDateMonth, dueDateYear: form.dueDateYear, dueDateReason: form.dueDateReason };
    await this.save(request, response, id, 'due-date', problems, typed, () =>
      this.actions.update(id, { dueDate: dueDate!, dueDateReason: form.dueDateReason }, form.version, request.caller!.context),
    );
  }

  /** This cycle's update: one per action per meeting, for the meeting the form names. */
  @Post(':id/cycle-update')
  async writeCycleUpdate(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'cycleUpdate', mayAddProgress)) return;
    const { form, problems } = await readForm(CycleUpdateForm, body, ['cycleUpdate', 'meeting']);
    await this.save(request, response, id, 'cycle-update', problems, { cycleUpdate: form.cycleUpdate }, () =>
      this.meetings.writeUpdate(id, form.meeting, form.cycleUpdate, request.caller!.context),
    );
  }

  @Post(':id/review')
  async review(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'review', mayReviewAction)) return;
    const { form, problems } = await readForm(ReviewForm, body, ['outcome', 'reviewNote']);
    await this.save(request, response, id, 'review', problems, { outcome: form.outcome, reviewNote: form.reviewNote }, () =>
      this.governance.review(id, { outcome: form.outcome, note: form.reviewNote }, request.caller!.context),
    );
  }

  @Post(':id/challenges')
  async raiseChallenge(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'challenge', mayChallengeAction)) return;
    const { form, problems } = await readForm(ChallengeForm, body, ['challengeQuestion']);
    await this.save(request, response, id, 'challenge', problems, { challengeQuestion: form.challengeQuestion }, () =>
      this.governance.raiseChallenge(id, form.challengeQuestion, request.caller!.context),
    );
  }

  @Post(':id/challenges/:challengeId')
  async challengeEvent(
    @Param('id', ParseIdPipe) id: number,
    @Param('challengeId', ParseIdPipe) challengeId: number,
    @Body() body: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    if (await this.refused(request, response, id, `challenge-${challengeId}`, mayActOnChallenge)) return;
    const { form, problems } = await readForm(ChallengeEventForm, body, ['event', 'challengeNote']);
    await this.save(request, response, id, 'challenge-event', problems, { challengeNote: form.challengeNote }, () =>
      this.governance.actOnChallenge(id, challengeId, form.event, form.challengeNote || undefined, request.caller!.context),
    );
  }

  @Post(':id/date-requests')
  async requestDate(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'date-request', mayRequestDateChange)) return;
    const { form, problems } = await readForm(DateRequestForm, body, ['requestDay', 'requestReason']);
    const proposed = dateOfParts(form.requestDay, form.requestMonth, form.requestYear);
    if (!proposed && !problems.byField.requestDay) {
      problems.byField.requestDay = 'Enter the date you need as a real date, for example 27 3 2026';
      problems.list.unshift({ href: '#requestDay', text: problems.byField.requestDay });
    }
    const typed = { requestDay: form.requestDay, requestMonth: form.requestMonth, requestYear: form.requestYear, requestReason: form.requestReason };
    await this.save(request, response, id, 'date-request', problems, typed, () => this.governance.requestDateChange(id, proposed!, form.requestReason, request.caller!.context));
  }

  @Post(':id/date-requests/:requestId')
  async decideDate(
    @Param('id', ParseIdPipe) id: number,
    @Param('requestId', ParseIdPipe) requestId: number,
    @Body() body: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    if (await this.refused(request, response, id, `date-request-${requestId}`, mayDecideDateChange)) return;
    const { form, problems } = await readForm(DateDecisionForm, body, ['event', 'decisionNote']);
    await this.save(request, response, id, 'date-decision', problems, { decisionNote: form.decisionNote }, () =>
      this.governance.decideDateRequest(id, requestId, form.event, form.decisionNote || undefined, request.caller!.context),
    );
  }

  @Post(':id/milestones')
  async addMilestone(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'milestones', mayPlanAction)) return;
    const { form, problems } = await readForm(MilestoneForm, body, ['milestoneTitle', 'milestoneDay']);
    const dueDate = dateOfParts(form.milestoneDay, form.milestoneMonth, form.milestoneYear);
    if (!dueDate && !problems.byField.milestoneDay) {
      problems.byField.milestoneDay = 'Enter the milestone date as a real date, for example 27 3 2026';
      problems.list.push({ href: '#milestoneDay', text: problems.byField.milestoneDay });
    }
    const typed = { milestoneTitle: form.milestoneTitle, milestoneDay: form.milestoneDay, milestoneMonth: form.milestoneMonth, milestoneYear: form.milestoneYear };
    await this.save(request, response, id, 'milestone', problems, typed, () => this.governance.addMilestone(id, { title: form.milestoneTitle, dueDate: dueDate! }, request.caller!.context));
  }

  @Post(':id/milestones/:milestoneId')
  async markMilestone(
    @Param('id', ParseIdPipe) id: number,
    @Param('milestoneId', ParseIdPipe) milestoneId: number,
    @Body() body: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    if (await this.refused(request, response, id, 'milestones', mayRecordDelivery)) return;
    const { form, problems } = await readForm(MilestoneMetForm, body, ['met']);
    await this.save(request, response, id, 'milestone', problems, {}, () => this.governance.markMilestone(id, milestoneId, form.met === 'true', request.caller!.context));
  }

  /** A multipart form: its CSRF token travels beside the file and is checked once the form is read. */
  @Post(':id/evidence')
  @MultipartFormWith(EvidenceUploadInterceptor)
  async uploadEvidence(
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file: UploadedEvidence | undefined,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    if (await this.refused(request, response, id, 'evidence', mayRecordDelivery)) return;
    const problems = file ? NO_PROBLEMS : { byField: { evidenceFile: 'Choose a file to upload' }, list: [{ href: '#evidenceFile', text: 'Choose a file to upload' }] };
    await this.save(request, response, id, 'evidence', problems, {}, () => this.evidence.upload(id, EvidenceUploadInterceptor.required(file), request.caller!.context));
  }

  @Get(':id/evidence/:fileId')
  async downloadEvidence(
    @Param('id', ParseIdPipe) id: number,
    @Param('fileId', ParseIdPipe) fileId: number,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    sendEvidenceFile(response, await this.evidence.download(id, fileId, request.caller!.context));
  }

  @Post(':id/plan')
  async savePlan(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'plan', mayPlanAction)) return;
    const { form, problems } = await readForm(PlanForm, body, ['whatWillBeDone', 'successMeasure']);
    await this.save(request, response, id, 'plan', problems, { whatWillBeDone: form.whatWillBeDone, successMeasure: form.successMeasure }, () =>
      this.actions.update(id, { whatWillBeDone: form.whatWillBeDone || null, successMeasure: form.successMeasure || null }, form.version, request.caller!.context),
    );
  }

  @Post(':id/rag')
  async changeRag(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    if (await this.refused(request, response, id, 'rag', (context, resource) => mayUpdateAction(context, resource, { ragOverride: true }))) return;
    const { form, problems } = await readForm(RagForm, body, ['rag', 'ragNote']);
    if (form.rag && form.rag !== 'derived' && !form.ragNote && !problems.byField.ragNote) {
      problems.byField.ragNote = 'Enter why the board rates this action differently from its dates';
      problems.list.push({ href: '#ragNote', text: problems.byField.ragNote });
    }
    await this.save(request, response, id, 'rag', problems, { rag: form.rag, ragNote: form.ragNote }, () =>
      this.actions.update(id, form.rag === 'derived' ? { ragOverride: null } : { ragOverride: form.rag, ragOverrideNote: form.ragNote }, form.version, request.caller!.context),
    );
  }

  /**
   * The caller's right to the action, settled before the form is read: a form is only worth
   * checking for someone who may make the change. A refusal shows the action with the reason;
   * another council's action is not found.
   */
  private async refused(
    request: AuthenticatedRequest,
    response: Response,
    id: number,
    form: string,
    policy: (context: RequestContext, resource: ActionResource) => Decision,
  ): Promise<boolean> {
    const context = request.caller!.context;
    const action = await this.actions.findVisible(id, context);
    const decision = policy(context, { authorityCode: action.authorityCode, teamId: action.teamId });
    if (decision.allowed) return false;
    await this.render(request, response, id, { problems: formProblem(decision.reason, `#${form}`), status: HttpStatus.FORBIDDEN });
    return true;
  }

  /**
   * Saves one form's change, then shows the action with a notice. A form with problems, a stale
   * version or a refusal shows the action again, as it now is, with the problem in the error
   * summary and what was typed still in the form: nothing is ever silently overwritten.
   */
  private async save(
    request: AuthenticatedRequest,
    response: Response,
    id: number,
    form: string,
    problems: FormProblems,
    typed: TypedValues,
    change: () => Promise<unknown>,
  ): Promise<void> {
    if (problems.list.length > 0) return this.render(request, response, id, { problems, typed, status: HttpStatus.BAD_REQUEST });
    try {
      await change();
    } catch (error) {
      const refusal = formRefusal(error, `#${form}`);
      if (!refusal) throw error;
      return this.render(request, response, id, { problems: refusal.problems, typed, status: refusal.status });
    }
    response.redirect(303, `/actions/${id}?saved=${form}`);
  }

  private async render(
    request: AuthenticatedRequest,
    response: Response,
    id: number,
    options: { problems?: FormProblems; typed?: TypedValues; status?: number; notice?: string },
  ): Promise<void> {
    const context = request.caller!.context;
    const action = await this.actions.get(id, context);
    const shown = { id: action.id, authorityCode: action.authorityCode, recommendationId: action.recommendation?.id ?? null };
    const [report, teams, authority, repeats, { meetings, updates }] = await Promise.all([
      this.reports.heading(action.reportId, context),
      this.teams.list(context, action.authorityCode),
      this.shell.authority(context, action.authorityCode),
      this.repeatLinks.forShownAction(shown, context),
      this.meetings.cycleOfShownAction(shown, context),
    ]);
    // The meeting being prepared for: the next from today, else the last one held.
    const meeting = currentMeeting(meetings, this.clock.today());
    const typed = options.typed ?? {};
    const resource = { authorityCode: action.authorityCode, teamId: action.team?.id ?? null };
    const may = {
      challenge: mayChallengeAction(context, resource).allowed,
      // The board sets a date itself (the re-programme form); the team asks for one.
      requestDate: mayRequestDateChange(context, resource).allowed && !decidesForBoard(context, resource),
      plan: mayPlanAction(context, resource).allowed,
      deliver: mayRecordDelivery(context, resource).allowed,
      rag: mayUpdateAction(context, resource, { ragOverride: true }).allowed,
      status: mayUpdateAction(context, resource, { status: action.status }).allowed,
      reassign: mayUpdateAction(context, resource, { teamId: resource.teamId }).allowed,
      progress: mayAddProgress(context, resource).allowed,
      review: mayReviewAction(context, resource).allowed,
      create: holdsPermissionIn(context, action.authorityCode, 'action.create'),
    };
    const problems = options.problems ?? NO_PROBLEMS;
    const transitions = movesFor(action.status, actionCapacity(context, resource)).map((move) => ({ value: move.to, text: STATUS_WORDING[move.to], checked: typed.status === move.to }));
    const maxEvidenceMb = Math.floor(this.config.MAX_EVIDENCE_BYTES / (1024 * 1024));
    response.status(options.status ?? HttpStatus.OK).render('action', {
      title: `${action.recommendation ? `${action.recommendation.reference}: ` : ''}${action.title}`,
      layout: this.shell.layout(request, 'actions', authority),
      authority,
      action,
      report,
      teams,
      repeats,
      cycle: { meeting, update: meeting ? (updates.find((update) => update.meetingId === meeting.id) ?? null) : null },
      mayDecideRepeats: holdsPermissionIn(context, action.authorityCode, 'report.update'),
      transitions,
      challenges: action.challenges.map((challenge) => ({ ...challenge, moves: this.governance.challengeMoves(challenge, resource, context) })),
      dateRequests: action.dateRequests.map((request) => ({ ...request, moves: this.governance.dateRequestMoves(request, resource, context) })),
      slippage: describeSlippage(action),
      maxEvidenceMb,
      may,
      // A team member on another team's action (or one no team owns) sees why there is nothing to fill in.
      noFormReason:
        !mayUpdateAction(context, resource, { status: action.status }).allowed &&
        !mayAddProgress(context, resource).allowed &&
        rolesIn(context, action.authorityCode).some((grant) => grant.role === 'team_member')
          ? `This action belongs to ${action.team ? action.team.name : 'no team yet'}; ask ${action.team ? 'its team' : 'a council admin to assign it,'} or the board.`
          : null,
      journal: [...action.journal].reverse().map((entry) => describeEntry(entry, teams)),
      typed,
      problems,
      // Each form's fields, from GOV.UK macros: rendered once for each set of values they show.
      statusFields: may.status
        ? STATUS_FIELDS.render(response, {
            action: { status: action.status },
            transitions,
            typed: { statusNote: typed.statusNote, statusEvidenceLinks: typed.statusEvidenceLinks },
            problems: { byField: { status: problems.byField.status, statusNote: problems.byField.statusNote, statusEvidenceLinks: problems.byField.statusEvidenceLinks } },
          })
        : undefined,
      ownerFields: may.reassign
        ? OWNER_FIELDS.render(response, {
            action: { team: action.team && { id: action.team.id }, leadOfficer: action.leadOfficer },
            teams: teams.map((team) => ({ id: team.id, name: team.name })),
            typed: { teamId: typed.teamId, leadOfficer: typed.leadOfficer },
            problems: { byField: { teamId: problems.byField.teamId, leadOfficer: problems.byField.leadOfficer } },
          })
        : undefined,
      challengeFields: may.challenge
        ? CHALLENGE_FIELDS.render(response, { typed: { challengeQuestion: typed.challengeQuestion }, problems: { byField: { challengeQuestion: problems.byField.challengeQuestion } } })
        : undefined,
      dueDateFields: may.reassign
        ? DUE_DATE_FIELDS.render(response, {
            typed: { dueDateDay: typed.dueDateDay, dueDateMonth: typed.dueDateMonth, dueDateYear: typed.dueDateYear, dueDateReason: typed.dueDateReason },
            problems: { byField: { dueDateDay: problems.byField.dueDateDay, dueDateReason: problems.byField.dueDateReason } },
          })
        : undefined,
      milestoneFields: may.plan
        ? MILESTONE_FIELDS.render(response, {
            typed: { milestoneTitle: typed.milestoneTitle, milestoneDay: typed.milestoneDay, milestoneMonth: typed.milestoneMonth, milestoneYear: typed.milestoneYear },
            problems: { byField: { milestoneTitle: problems.byField.milestoneTitle, milestoneDay: problems.byField.milestoneDay } },
          })
        : undefined,
      progressFields: may.progress
        ? PROGRESS_FIELDS.render(response, {
            typed: { progressNote: typed.progressNote, evidenceLinks: typed.evidenceLinks },
            problems: { byField: { progressNote: problems.byField.progressNote, evidenceLinks: problems.byField.evidenceLinks } },
          })
        : undefined,
      planFields: may.plan
        ? PLAN_FIELDS.render(response, {
            action: { whatWillBeDone: action.whatWillBeDone, successMeasure: action.successMeasure },
            typed: { whatWillBeDone: typed.whatWillBeDone, successMeasure: typed.successMeasure },
            problems: { byField: { whatWillBeDone: problems.byField.whatWillBeDone, successMeasure: problems.byField.successMeasure } },
          })
        : undefined,
      ragFields: may.rag
        ? RAG_FIELDS.render(response, {
            action: { ragOverridden: action.ragOverridden },
            typed: { ragNote: typed.ragNote },
            problems: { byField: { rag: problems.byField.rag, ragNote: problems.byField.ragNote } },
          })
        : undefined,
      evidenceFields: may.deliver ? EVIDENCE_FIELDS.render(response, { maxEvidenceMb, problems: { byField: { evidenceFile: problems.byField.evidenceFile } } }) : undefined,
      problemsFor: action.id,
      onReviewPage: false,
      notice: options.notice,
    });
  }
}

const FIELD_LABELS: Record<string, string> = {
  status: 'Status',
  teamId: 'Owner',
  leadOfficer: 'Lead officer',
  title: 'Title',
  dueDate: 'Due date',
  dueDateReason: 'Reason for the due date',
  ragOverride: 'RAG rating',
  ragOverrideNote: 'Reason for the RAG rating',
  review: 'Review',
  whatWillBeDone: 'What will be done',
  successMeasure: 'Success measure',
  challenge: 'Challenge',
  dateRequest: 'Date change request',
  milestone: 'Milestone',
  evidenceFile: 'Evidence file',
};

const KIND_TITLES: Record<string, string> = {
  created: 'Action created',
  changed: 'Action changed',
  progress: 'Progress update',
  review: 'LSCB chair review',
  challenge: 'Challenge',
  date_request: 'Due date change',
  milestone: 'Milestone',
  evidence: 'Evidence file',
};

/** A journal entry in words: who did what, when, and what changed from what to what. */
function describeEntry(entry: JournalEntryView, teams: TeamView[]) {
  const teamName = (id: unknown) => (id === null || id === undefined ? 'Unassigned' : (teams.find((team) => team.id === id)?.name ?? `Team ${String(id)}`));
  const valueOf = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return 'none';
    if (field === 'status') return STATUS_WORDING[value as keyof typeof STATUS_WORDING] ?? String(value);
    if (field === 'teamId') return teamName(value);
    if (field === 'dueDate') return longDate(String(value));
    if (field === 'ragOverride') return RAG_LABELS[value as keyof typeof RAG_LABELS] ?? String(value);
    return String(value);
  };
  const outcome = entry.changes.find((change) => change.field === 'review')?.to;
  return {
    ...entry,
    title: entry.kind === 'review' ? (outcome === 'challenged' ? 'LSCB chair challenge' : 'Reviewed by the LSCB chair') : (KIND_TITLES[entry.kind] ?? entry.kind),
    changes: entry.changes
      .filter((change) => change.field !== 'review')
      .map((change) => ({ label: FIELD_LABELS[change.field] ?? change.field, from: valueOf(change.field, change.from), to: valueOf(change.field, change.to) })),
  };
}

function queryOf(query: ActionsPageQuery, authority: string | undefined): Record<string, string | number | undefined> {
  return {
    authority,
    report: query.report,
    team: query.team || undefined,
    status: query.status?.join(','),
    rag: query.rag?.join(','),
    timeframe: query.timeframe?.join(','),
    addressee: query.addressee?.join(','),
    overdue: query.overdue ? 'true' : undefined,
    reprogrammed: query.reprogrammed ? 'true' : undefined,
    q: query.q || undefined,
    sort: query.sort || undefined,
    page: query.page,
  };
}

function actionsLink(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `/actions?${text}` : '/actions';
}

/** The filters in force, in words, for the "selected filters" list above the results. */
function selectedFilters(query: ActionsPageQuery, reports: { id: number; format: string; baselineDate: string }[], teams: TeamView[]): string[] {
  const chosen: string[] = [];
  if (query.report !== undefined) {
    const report = reports.find((candidate) => candidate.id === query.report);
    chosen.push(report ? `Report of ${longDate(report.baselineDate)}` : `Report ${query.report}`);
  }
  if (query.team === 'none') chosen.push('Unassigned');
  else if (query.team) chosen.push(teams.find((team) => String(team.id) === query.team)?.name ?? `Team ${query.team}`);
  for (const status of query.status ?? []) chosen.push(STATUS_WORDING[status]);
  for (const rag of query.rag ?? []) chosen.push(RAG_LABELS[rag]);
  for (const timeframe of query.timeframe ?? []) chosen.push(TIMEFRAME_WORDING[timeframe]);
  for (const addressee of query.addressee ?? []) chosen.push(`For: ${ADDRESSEE_WORDING[addressee]}`);
  if (query.overdue) chosen.push('Overdue');
  if (query.reprogrammed) chosen.push('Re-programmed');
  if (query.q) chosen.push(`Containing “${query.q}”`);
  return chosen;
}

/** GOV.UK pagination: previous and next, the first and last pages, and those around this one. */
function pagination(page: number, pageCount: number, link: (page: number) => string) {
  if (pageCount <= 1) return null;
  const numbers = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((number) => number >= 1 && number <= pageCount).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  numbers.forEach((number, index) => {
    if (index > 0 && number - numbers[index - 1] > 1) items.push({ ellipsis: true });
    items.push({ number, href: link(number), current: number === page });
  });
  return {
    previous: page > 1 ? { href: link(page - 1) } : undefined,
    next: page < pageCount ? { href: link(page + 1) } : undefined,
    items,
  };
}
