import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ActionMeetingUpdateDto, MeetingResponseDto, MeetingUpdateResponseDto, RepeatLinkDto, ReportDeadlineDto, SinceLastMeetingDto } from './board-response.dto.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { BoardMeetingsService, BoardPackService, JournalExportService, OfstedDeadlinesService, renderBoardPack, RepeatLinksService, type MeetingView, type RepeatLinkView, type ReportDeadlineView } from '#board';
import { Permission } from '../auth/access.decorators.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { QueryBoolean } from '../http/query-transforms.js';
import { Caller } from '../http/request-context.decorator.js';
import { MeetingChangeDto, MeetingDto, MeetingQueryDto, MeetingUpdateDto, OfstedDeadlineDto, RepeatDecisionDto } from './board.dto.js';
import { IsBoolean, IsOptional } from 'class-validator';
import type { RequestContext } from '#core';

class RepeatListQueryDto {
  @ApiPropertyOptional({ description: 'true lists the links a board member dismissed too' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  includeDismissed?: boolean;
}

@ApiTags('board')
@Controller()
export class BoardController {
  constructor(
    private readonly deadlines: OfstedDeadlinesService,
    private readonly repeats: RepeatLinksService,
    private readonly meetings: BoardMeetingsService,
    private readonly packs: BoardPackService,
    private readonly journal: JournalExportService,
  ) {}

  @Get('authorities/:code/journal.csv')
  @ApiOperation({ summary: "Every change to the council's actions (who, when, what, the note and evidence), oldest first, as CSV for audit" })
  @ApiProduces('text/csv; charset=utf-8')
  @ApiOkResponse({ description: 'The journal as CSV, as an attachment', content: { 'text/csv; charset=utf-8': { schema: { type: 'string' } } } })
  async journalCsv(@Param('code') code: string, @Caller() caller: RequestContext, @Res() response: Response): Promise<void> {
    const csv = await this.journal.csv(code, caller);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="journal-${code}.csv"`);
    response.send(csv);
  }

  @Get('authorities/:code/meetings')
  @ApiOperation({ summary: "The council's board meetings, oldest first, each with the previous meeting's date (its cycle starts the day after)" })
  @ApiOkResponse({ type: [MeetingResponseDto] })
  listMeetings(@Param('code') code: string, @Caller() caller: RequestContext): Promise<MeetingView[]> {
    return this.meetings.list(code, caller);
  }

  @Post('authorities/:code/meetings')
  @Permission('report.update')
  @HttpCode(201)
  @ApiOperation({ summary: 'Records a board meeting (date, title); teams are reminded to write their update N working days before it' })
  @ApiCreatedResponse({ type: MeetingResponseDto })
  @ApiErrors(409)
  createMeeting(@Param('code') code: string, @Body() body: MeetingDto, @Caller() caller: RequestContext): Promise<MeetingView> {
    return this.meetings.create(code, body, caller);
  }

  @Patch('meetings/:id')
  @Permission('report.update')
  @ApiOperation({ summary: 'Moves or renames a board meeting, or changes when teams are reminded; the updates written for it stay with it' })
  @ApiOkResponse({ type: MeetingResponseDto })
  @ApiErrors(409)
  changeMeeting(@Param('id', ParseIdPipe) id: number, @Body() body: MeetingChangeDto, @Caller() caller: RequestContext): Promise<MeetingView> {
    return this.meetings.change(id, body, caller);
  }

  @Delete('meetings/:id')
  @Permission('report.update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a board meeting and the updates written for it' })
  @ApiNoContentResponse({ description: 'Removed' })
  removeMeeting(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<void> {
    return this.meetings.remove(id, caller);
  }

  @Get('meetings/:id/updates')
  @ApiOperation({ summary: "Every action's update for this meeting" })
  @ApiOkResponse({ type: [MeetingUpdateResponseDto] })
  meetingUpdates(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<MeetingUpdateResponseDto[]> {
    return this.meetings.updatesFor(id, caller);
  }

  @Get('actions/:id/meeting-updates')
  @ApiOperation({ summary: "The action's update for each board meeting" })
  @ApiOkResponse({ type: [ActionMeetingUpdateDto] })
  actionMeetingUpdates(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<ActionMeetingUpdateDto[]> {
    return this.meetings.updatesOfAction(id, caller);
  }

  @Put('actions/:id/meeting-updates/:meetingId')
  @Permission('action.progress')
  @ApiOperation({ summary: "Writes (or rewrites) the action's update for a meeting: one per action per meeting cycle" })
  @ApiOkResponse({ type: MeetingUpdateResponseDto })
  @ApiErrors(409)
  writeMeetingUpdate(@Param('id', ParseIdPipe) id: number, @Param('meetingId', ParseIdPipe) meetingId: number, @Body() body: MeetingUpdateDto, @Caller() caller: RequestContext): Promise<MeetingUpdateResponseDto> {
    return this.meetings.writeUpdate(id, meetingId, body.note, caller);
  }

  @Get('authorities/:code/since-last-meeting')
  @ApiOperation({ summary: 'Between the previous meeting and this one: status changes, sign-offs, re-programmed dates, new evidence, challenges opened and closed, actions that became overdue; by report and team' })
  @ApiOkResponse({ type: SinceLastMeetingDto })
  sinceLastMeeting(@Param('code') code: string, @Query() query: MeetingQueryDto, @Caller() caller: RequestContext): Promise<SinceLastMeetingDto> {
    return this.packs.sinceLastMeeting(code, query.meeting, caller);
  }

  @Get('authorities/:code/board-pack.pdf')
  @ApiOperation({ summary: 'The board pack as a tagged PDF: cover, summary with a RAG chart, every open action by report and theme, and what changed since the last meeting' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The board pack, as an attachment', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async boardPack(@Param('code') code: string, @Query() query: MeetingQueryDto, @Caller() caller: RequestContext, @Res() response: Response): Promise<void> {
    const data = await this.packs.pack(code, query.meeting, caller);
    const pdf = await renderBoardPack(data);
    const name = `board-pack-${code}-${data.meeting?.meetingDate ?? data.today}.pdf`;
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    response.send(pdf);
  }

  @Get('reports/:id/ofsted-deadline')
  @ApiOperation({ summary: "When the report's action plan is due to Ofsted (70 working days after an inadequate or requires-improvement report's publication unless recorded otherwise)" })
  @ApiOkResponse({ type: ReportDeadlineDto })
  ofstedDeadline(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<ReportDeadlineView> {
    return this.deadlines.get(id, caller);
  }

  @Put('reports/:id/ofsted-deadline')
  @Permission('report.update')
  @ApiOperation({ summary: 'Records the date Ofsted expects the action plan (null returns to the default)' })
  @ApiOkResponse({ type: ReportDeadlineDto })
  setOfstedDeadline(@Param('id', ParseIdPipe) id: number, @Body() body: OfstedDeadlineDto, @Caller() caller: RequestContext): Promise<ReportDeadlineView> {
    return this.deadlines.set(id, body.dueDate, caller);
  }

  @Get('actions/:id/repeats')
  @ApiOperation({ summary: "Recommendations of the council's other reports that this action's recommendation repeats, or that repeat it" })
  @ApiOkResponse({ type: [RepeatLinkDto] })
  actionRepeats(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<RepeatLinkView[]> {
    return this.repeats.forAction(id, caller);
  }

  @Get('authorities/:code/repeats')
  @ApiOperation({ summary: "Every likely or confirmed repeat between a council's reports" })
  @ApiOkResponse({ type: [RepeatLinkDto] })
  authorityRepeats(@Param('code') code: string, @Query() query: RepeatListQueryDto, @Caller() caller: RequestContext): Promise<RepeatLinkView[]> {
    return this.repeats.forAuthority(code, caller, { includeDismissed: query.includeDismissed });
  }

  @Patch('repeat-links/:id')
  @Permission('report.update')
  @ApiOperation({ summary: 'A board member confirms or dismisses a likely repeat' })
  @ApiOkResponse({ type: RepeatLinkDto })
  @ApiErrors(409)
  decideRepeat(@Param('id', ParseIdPipe) id: number, @Body() body: RepeatDecisionDto, @Caller() caller: RequestContext): Promise<RepeatLinkView> {
    return this.repeats.decide(id, body.status, caller);
  }
}
