import { Body, Controller, ForbiddenException, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { holdsPermissionIn } from '#access';
import { ActionsService, TeamsService } from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { FIELD_LIMITS } from '../http/field-rules.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { formRefusal } from './form-refusals.js';
import { PageShell } from './page-shell.service.js';
import { dateOfParts, NO_PROBLEMS, type FormProblems } from './web-forms.js';
import { Clock, type IsoDate, type RequestContext } from '#core';

/** Rows shown at first; "Add another milestone" adds one more each time, without JavaScript. */
const FIRST_MILESTONE_ROWS = 2;
/** As many as the API takes in one action. */
const MOST_MILESTONES = 50;

interface MilestoneRow {
  title: string;
  day: string;
  month: string;
  year: string;
}

interface TypedAction {
  title: string;
  whatWillBeDone: string;
  successMeasure: string;
  leadOfficer: string;
  team: string;
  dueDateDay: string;
  dueDateMonth: string;
  dueDateYear: string;
  dueDateReason: string;
  milestones: MilestoneRow[];
}

const EMPTY: TypedAction = { title: '', whatWillBeDone: '', successMeasure: '', leadOfficer: '', team: '', dueDateDay: '', dueDateMonth: '', dueDateYear: '', dueDateReason: '', milestones: [] };

/**
 * The board adds an action by hand under a recommendation (one recommendation often needs several):
 * what will be done, its success measure, lead officer, owner, due date and milestones. Milestone
 * rows follow the GOV.UK "add another" pattern with no JavaScript: the button posts the form back
 * with one more row, keeping what was typed.
 */
@ApiExcludeController()
@Controller('recommendations')
export class AddActionPageController {
  constructor(
    private readonly shell: PageShell,
    private readonly actions: ActionsService,
    private readonly teams: TeamsService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/actions/new')
  @Permission('action.create')
  async page(@Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.render(request, response, id, { ...EMPTY, milestones: emptyRows(FIRST_MILESTONE_ROWS) }, NO_PROBLEMS);
  }

  @Post(':id/actions')
  @Permission('action.create')
  async add(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    await this.recommendationFor(id, context);
    const typed = readTyped(body);
    if (body.addMilestone !== undefined) {
      if (typed.milestones.length < MOST_MILESTONES) typed.milestones.push({ title: '', day: '', month: '', year: '' });
      return this.render(request, response, id, typed, NO_PROBLEMS);
    }
    const { problems, input } = checkTyped(typed, this.clock.today());
    if (problems.list.length > 0) return this.render(request, response, id, typed, problems, HttpStatus.BAD_REQUEST);
    let created: { id: number };
    try {
      created = await this.actions.create({ recommendationId: id, ...input }, context);
    } catch (error) {
      const refusal = formRefusal(error, '#title');
      if (!refusal) throw error;
      return this.render(request, response, id, typed, refusal.problems, refusal.status);
    }
    response.redirect(303, `/actions/${created.id}?saved=created`);
  }

  private async recommendationFor(id: number, context: RequestContext) {
    const recommendation = await this.actions.recommendation(id, context);
    // The right to add is settled before anything typed is read.
    if (!holdsPermissionIn(context, recommendation.authorityCode, 'action.create')) throw new ForbiddenException('Only the board may add an action to the plan');
    return recommendation;
  }

  private async render(request: AuthenticatedRequest, response: Response, id: number, typed: TypedAction, problems: FormProblems, status = HttpStatus.OK): Promise<void> {
    const context = request.caller!.context;
    const recommendation = await this.recommendationFor(id, context);
    const [authority, teams] = await Promise.all([this.shell.authority(context, recommendation.authorityCode), this.teams.list(context, recommendation.authorityCode)]);
    response.status(status).render('action-new', {
      title: `Add an action for recommendation ${recommendation.reference}`,
      layout: this.shell.layout(request, 'actions', authority),
      authority,
      recommendation,
      teams,
      typed,
      problems,
    });
  }
}

function emptyRows(count: number): MilestoneRow[] {
  return Array.from({ length: count }, () => ({ title: '', day: '', month: '', year: '' }));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** What was typed, as strings, with the milestone rows in order (at most MOST_MILESTONES). */
function readTyped(body: Record<string, unknown>): TypedAction {
  const count = Math.min(MOST_MILESTONES, /^\d{1,2}$/.test(text(body.milestoneRows)) ? Number(text(body.milestoneRows)) : FIRST_MILESTONE_ROWS);
  const milestones: MilestoneRow[] = [];
  for (let index = 0; index < count; index += 1) {
    milestones.push({
      title: text(body[`milestoneTitle-${index}`]),
      day: text(body[`milestoneDay-${index}`]),
      month: text(body[`milestoneMonth-${index}`]),
      year: text(body[`milestoneYear-${index}`]),
    });
  }
  return {
    title: text(body.title),
    whatWillBeDone: text(body.whatWillBeDone),
    successMeasure: text(body.successMeasure),
    leadOfficer: text(body.leadOfficer),
    team: text(body.team),
    dueDateDay: text(body.dueDateDay),
    dueDateMonth: text(body.dueDateMonth),
    dueDateYear: text(body.dueDateYear),
    dueDateReason: text(body.dueDateReason),
    milestones,
  };
}

/** Each field's problem in the order of the page, or the action ready for the service. */
function checkTyped(typed: TypedAction, today: IsoDate) {
  const problems: FormProblems = { byField: {}, list: [] };
  const problem = (field: string, message: string) => {
    if (problems.byField[field]) return;
    problems.byField[field] = message;
    problems.list.push({ href: `#${field}`, text: message });
  };
  const tooLong = (value: string, limit: number) => value.length > limit;

  if (!typed.title) problem('title', 'Enter a short title for the action');
  else if (tooLong(typed.title, FIELD_LIMITS.title)) problem('title', `The title must be ${FIELD_LIMITS.title} characters or fewer`);
  if (!typed.whatWillBeDone) problem('whatWillBeDone', 'Enter what will be done');
  else if (tooLong(typed.whatWillBeDone, FIELD_LIMITS.note)) problem('whatWillBeDone', 'What will be done must be 10,000 characters or fewer');
  if (tooLong(typed.successMeasure, FIELD_LIMITS.note)) problem('successMeasure', 'The success measure must be 10,000 characters or fewer');
  if (tooLong(typed.leadOfficer, FIELD_LIMITS.leadOfficer)) problem('leadOfficer', `The lead officer must be ${FIELD_LIMITS.leadOfficer} characters or fewer`);
  const teamId = /^\d{1,9}$/.test(typed.team) ? Number(typed.team) : null;
  if (typed.team && teamId === null) problem('team', 'Choose a team from the list');

  const dateTyped = Boolean(typed.dueDateDay || typed.dueDateMonth || typed.dueDateYear);
  const dueDate = dateTyped ? dateOfParts(typed.dueDateDay, typed.dueDateMonth, typed.dueDateYear) : null;
  if (dateTyped && !dueDate) problem('dueDateDay', 'Enter the due date as a real date, for example 27 3 2026');
  else if (dueDate && dueDate < today) problem('dueDateDay', 'The due date must be today or in the future');
  if (dueDate && !typed.dueDateReason) problem('dueDateReason', 'Say why the action is due on this date');
  else if (tooLong(typed.dueDateReason, FIELD_LIMITS.reason)) problem('dueDateReason', 'The reason must be 2,000 characters or fewer');

  const milestones: { title: string; dueDate: IsoDate }[] = [];
  typed.milestones.forEach((row, index) => {
    if (!row.title && !row.day && !row.month && !row.year) return;
    const number = index + 1;
    if (!row.title) problem(`milestoneTitle-${index}`, `Enter what milestone ${number} is`);
    else if (tooLong(row.title, FIELD_LIMITS.title)) problem(`milestoneTitle-${index}`, `Milestone ${number} must be ${FIELD_LIMITS.title} characters or fewer`);
    const date = dateOfParts(row.day, row.month, row.year);
    if (!date) problem(`milestoneDay-${index}`, `Enter the date of milestone ${number} as a real date, for example 27 3 2026`);
    else if (date < today) problem(`milestoneDay-${index}`, `The date of milestone ${number} must be today or in the future`);
    if (row.title && date) milestones.push({ title: row.title, dueDate: date });
  });

  return {
    problems,
    input: {
      title: typed.title,
      whatWillBeDone: typed.whatWillBeDone,
      successMeasure: typed.successMeasure || null,
      leadOfficer: typed.leadOfficer || undefined,
      teamId,
      ...(dueDate ? { dueDate, dueDateReason: typed.dueDateReason } : {}),
      milestones,
    },
  };
}
