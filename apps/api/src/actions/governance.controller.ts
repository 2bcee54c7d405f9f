import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ActionGovernanceService,
  EvidenceFilesService,
  type ChallengeView,
  type DateRequestView,
  type EvidenceFileView,
  type MilestoneView,
} from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import { Caller } from '../http/request-context.decorator.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { EvidenceUploadInterceptor, type UploadedEvidence } from '../http/evidence-uploads.js';
import { ChallengeEventDto, DateRequestDecisionDto, MilestoneDto, MilestoneMetDto, NewChallengeDto, NewDateRequestDto } from './governance.dto.js';
import { sendEvidenceFile } from '../http/evidence-download.js';
import type { RequestContext } from '#core';
import { ChallengeRecordDto, DateRequestRecordDto, EvidenceFileDto, MilestoneRecordDto } from './action-response.dto.js';
import { ApiErrors, ERROR_MEANINGS, ErrorResponseDto } from '../http/api-errors.decorator.js';

/**
 * The board's controls on an action: challenges, date change requests, milestones and evidence
 * files. The route check is coarse; who may make which move is decided in the services (#access
 * for the right to touch the action, #governance for the move).
 */
@ApiTags('governance')
@Controller()
export class GovernanceController {
  constructor(
    private readonly governance: ActionGovernanceService,
    private readonly evidence: EvidenceFilesService,
  ) {}

  @Post('actions/:id/challenges')
  @Permission('action.challenge')
  @HttpCode(201)
  @ApiOperation({ summary: 'LSCB chair or board member: challenge an action; the owning team or the board must respond' })
  @ApiCreatedResponse({ type: ChallengeRecordDto })
  @ApiErrors(422)
  challenge(@Param('id', ParseIdPipe) id: number, @Body() body: NewChallengeDto, @Caller() caller: RequestContext): Promise<ChallengeRecordDto> {
    return this.governance.raiseChallenge(id, body.question, caller);
  }

  @Post('actions/:id/challenges/:challengeId/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Respond to a challenge (owning team or board), close it or challenge again (the challenger); 422 lists the moves allowed' })
  @ApiOkResponse({ type: ChallengeRecordDto })
  @ApiErrors(422)
  actOnChallenge(
    @Param('id', ParseIdPipe) id: number,
    @Param('challengeId', ParseIdPipe) challengeId: number,
    @Body() body: ChallengeEventDto,
    @Caller() caller: RequestContext,
  ): Promise<ChallengeRecordDto> {
    return this.governance.actOnChallenge(id, challengeId, body.event, body.note, caller);
  }

  @Get('authorities/:code/challenges')
  @ApiOperation({ summary: "The council's challenges still open or answered but not closed, oldest first" })
  @ApiOkResponse({ type: [ChallengeRecordDto] })
  openChallenges(@Param('code') code: string, @Caller() caller: RequestContext): Promise<ChallengeRecordDto[]> {
    return this.governance.openChallenges(code, caller);
  }

  @Post('actions/:id/date-requests')
  @Permission('action.progress')
  @HttpCode(201)
  @ApiOperation({ summary: "Ask for a new due date (owning team: pending the board's decision; board: applied and recorded as approved)" })
  @ApiCreatedResponse({ type: DateRequestRecordDto })
  @ApiErrors(409, 422)
  requestDate(@Param('id', ParseIdPipe) id: number, @Body() body: NewDateRequestDto, @Caller() caller: RequestContext): Promise<DateRequestView> {
    return this.governance.requestDateChange(id, body.proposedDate, body.reason, caller);
  }

  @Post('actions/:id/date-requests/:requestId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject (board; reject with a note) or withdraw (whoever asked) a pending date change request' })
  @ApiOkResponse({ type: DateRequestRecordDto })
  @ApiErrors(422)
  decideDate(
    @Param('id', ParseIdPipe) id: number,
    @Param('requestId', ParseIdPipe) requestId: number,
    @Body() body: DateRequestDecisionDto,
    @Caller() caller: RequestContext,
  ): Promise<DateRequestView> {
    return this.governance.decideDateRequest(id, requestId, body.event, body.note, caller);
  }

  @Get('authorities/:code/date-requests')
  @ApiOperation({ summary: "The council's pending date change requests, oldest first: the board's queue" })
  @ApiOkResponse({ type: [DateRequestRecordDto] })
  pendingDateRequests(@Param('code') code: string, @Caller() caller: RequestContext): Promise<DateRequestView[]> {
    return this.governance.pendingDateRequests(code, caller);
  }

  @Post('actions/:id/milestones')
  @Permission('action.update')
  @HttpCode(201)
  @ApiOperation({ summary: 'Board: add a milestone (a title and a date) to an action' })
  @ApiCreatedResponse({ type: MilestoneRecordDto })
  addMilestone(@Param('id', ParseIdPipe) id: number, @Body() body: MilestoneDto, @Caller() caller: RequestContext): Promise<MilestoneView> {
    return this.governance.addMilestone(id, body, caller);
  }

  @Patch('actions/:id/milestones/:milestoneId')
  @Permission('action.progress')
  @ApiOperation({ summary: 'Owning team or board: tick a milestone off as met, or not met' })
  @ApiOkResponse({ type: MilestoneRecordDto })
  markMilestone(
    @Param('id', ParseIdPipe) id: number,
    @Param('milestoneId', ParseIdPipe) milestoneId: number,
    @Body() body: MilestoneMetDto,
    @Caller() caller: RequestContext,
  ): Promise<MilestoneView> {
    return this.governance.markMilestone(id, milestoneId, body.met, caller);
  }

  @Delete('actions/:id/milestones/:milestoneId')
  @Permission('action.update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Board: remove a milestone' })
  @ApiNoContentResponse({ description: 'Removed' })
  async removeMilestone(@Param('id', ParseIdPipe) id: number, @Param('milestoneId', ParseIdPipe) milestoneId: number, @Caller() caller: RequestContext): Promise<void> {
    await this.governance.removeMilestone(id, milestoneId, caller);
  }

  @Post('actions/:id/evidence')
  @Permission('action.progress')
  @HttpCode(201)
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Owning team or board: upload an evidence file (PDF, Office, image or CSV; MAX_EVIDENCE_BYTES), its type checked by content' })
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: EvidenceFileDto })
  @ApiErrors(413, 415)
  upload(@Param('id', ParseIdPipe) id: number, @UploadedFile() file: UploadedEvidence | undefined, @Caller() caller: RequestContext): Promise<EvidenceFileView> {
    return this.evidence.upload(id, EvidenceUploadInterceptor.required(file), caller);
  }

  @Get('actions/:id/evidence/:fileId')
  @ApiOperation({ summary: "Download an evidence file, always as an attachment; 404 outside the action's council; 410 once the retention setting removed it" })
  @ApiProduces('application/octet-stream')
  // Declared with its JSON body here: the route's own media type is the file's.
  @ApiResponse({ status: HttpStatus.GONE, description: ERROR_MEANINGS[HttpStatus.GONE], content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } } })
  @ApiOkResponse({ description: 'The file as uploaded, with its own Content-Type, as an attachment', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  async download(
    @Param('id', ParseIdPipe) id: number,
    @Param('fileId', ParseIdPipe) fileId: number,
    @Caller() caller: RequestContext,
    @Res() response: Response,
  ): Promise<void> {
    sendEvidenceFile(response, await this.evidence.download(id, fileId, caller));
  }
}
