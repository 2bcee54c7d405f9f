import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActionGovernanceService, ActionsService, TrackingErrorCode, TrackingException, type ActionDetailView, type ActionFilters, type ActionView } from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import { Caller } from '../http/request-context.decorator.js';
import { CreateActionDto, ETAG_PATTERN, ListActionsQueryDto, OverdueQueryDto, ProgressUpdateDto, UpdateActionDto } from './action.dto.js';
import { ReviewDto } from './review.dto.js';
import { ActionDetailDto, ActionPageDto } from './action-response.dto.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { MAX_ID } from '../http/field-rules.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { requestedStatus } from '#governance';
import type { Page, RequestContext } from '#core';

@ApiTags('actions')
@Controller('actions')
export class ActionsController {
  constructor(
    private readonly actions: ActionsService,
    private readonly governance: ActionGovernanceService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Actions, filtered, sorted and paginated as { items, total, limit, offset }' })
  @ApiOkResponse({ type: ActionPageDto, description: '{ items, total, limit, offset }; the ETag header supports If-None-Match' })
  @ApiResponse({ status: 304, description: 'Not modified: the list is still the one the If-None-Match ETag names' })
  async list(@Query() query: ListActionsQueryDto, @Caller() caller: RequestContext): Promise<Page<ActionView>> {
    const filters: ActionFilters = {
      authority: query.authority,
      reportId: query.report,
      teamId: query.team,
      unassigned: query.unassigned,
      status: query.status,
      timeframe: query.timeframe,
      addressee: query.addressee,
      rag: query.rag,
      overdue: query.overdue,
      reprogrammed: query.reprogrammed,
      dueBefore: query.dueBefore,
      dueAfter: query.dueAfter,
      q: query.q,
      sort: query.sort,
      limit: query.limit,
      offset: query.offset,
    };
    return this.actions.list(filters, caller);
  }

  @Get('overdue')
  @ApiOperation({ summary: "The LSCB chair's list: open actions past their due date, oldest first" })
  @ApiOkResponse({ type: ActionPageDto, description: '{ items, total, limit, offset }; the ETag header supports If-None-Match' })
  @ApiResponse({ status: 304, description: 'Not modified: the list is still the one the If-None-Match ETag names' })
  async overdue(@Query() query: OverdueQueryDto, @Caller() caller: RequestContext): Promise<Page<ActionView>> {
    return this.actions.overdue({ authority: query.authority, addressee: query.addressee, teamId: query.team, limit: query.limit, offset: query.offset }, caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One action with its journal; the ETag header carries its version' })
  @ApiOkResponse({ type: ActionDetailDto, headers: { ETag: { description: 'W/"<version>": send it back as If-Match to change the action', schema: { type: 'string' } } } })
  async get(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext, @Res({ passthrough: true }) response: Response): Promise<ActionDetailView> {
    return withEtag(response, await this.actions.get(id, caller));
  }

  @Post()
  @Permission('action.create')
  @ApiOperation({ summary: 'Add another action under an existing recommendation' })
  @ApiCreatedResponse({ type: ActionDetailDto, headers: { ETag: { description: 'W/"<version>": send it back as If-Match to change the action', schema: { type: 'string' } } } })
  @ApiErrors(404, 422)
  async create(@Body() body: CreateActionDto, @Caller() caller: RequestContext, @Res({ passthrough: true }) response: Response): Promise<ActionDetailView> {
    return withEtag(response, await this.actions.create(body, caller));
  }

  @Patch(':id')
  @Permission('action.update')
  @ApiOperation({ summary: 'Change status, team, lead officer, due date (with reason) or RAG override (with note)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag from GET; or send version in the body' })
  @ApiOkResponse({ type: ActionDetailDto, headers: { ETag: { description: 'W/"<version>": send it back as If-Match to change the action', schema: { type: 'string' } } } })
  @ApiErrors(409, 412, 422, 428)
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateActionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Caller() caller: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionDetailView> {
    const { version: bodyVersion, status, ...changes } = body;
    const requested = status === undefined ? {} : { status: requestedStatus(status) };
    return withEtag(response, await this.actions.update(id, { ...changes, ...requested }, expectedVersion(ifMatch, bodyVersion), caller));
  }

  @Post(':id/updates')
  @Permission('action.progress')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a progress note with evidence links to the journal' })
  @ApiCreatedResponse({ type: ActionDetailDto, headers: { ETag: { description: 'W/"<version>": send it back as If-Match to change the action', schema: { type: 'string' } } } })
  async addUpdate(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ProgressUpdateDto,
    @Caller() caller: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionDetailView> {
    return withEtag(response, await this.actions.addProgress(id, body, caller));
  }

  @Post(':id/reviews')
  @Permission('action.review')
  @HttpCode(201)
  @ApiOperation({ summary: 'LSCB chair: mark an action reviewed or challenged, with a note (a journal entry; status is unchanged)' })
  @ApiCreatedResponse({ type: ActionDetailDto, headers: { ETag: { description: 'W/"<version>": send it back as If-Match to change the action', schema: { type: 'string' } } } })
  async addReview(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ReviewDto,
    @Caller() caller: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionDetailView> {
    return withEtag(response, await this.governance.review(id, body, caller));
  }
}

function withEtag(response: Response, action: ActionDetailView): ActionDetailView {
  response.setHeader('ETag', `W/"${action.version}"`);
  return action;
}

/** A write must say which version it was based on, so a stale form can never overwrite silently. */
function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  if (ifMatch !== undefined) {
    const match = ETAG_PATTERN.exec(ifMatch.trim());
    if (!match) throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'If-Match must be the ETag returned by GET /api/actions/:id, e.g. W/"3"');
    const version = Number(match[2]);
    if (version > MAX_ID) throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'If-Match names a version no action has: send the ETag returned by GET /api/actions/:id');
    if (bodyVersion !== undefined && bodyVersion !== version) {
      throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'If-Match and version disagree: send one of them');
    }
    return version;
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new TrackingException(
    TrackingErrorCode.VERSION_REQUIRED,
    'Send the version you are changing: an If-Match header with the ETag from GET /api/actions/:id, or version in the body',
  );
}
