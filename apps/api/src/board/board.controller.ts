import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OfstedDeadlinesService, RepeatLinksService, type RepeatLinkView, type ReportDeadlineView } from '#board';
import { Permission } from '../auth/access.decorators.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { QueryBoolean } from '../http/query-transforms.js';
import { Caller } from '../http/request-context.decorator.js';
import { OfstedDeadlineDto, RepeatDecisionDto } from './board.dto.js';
import { IsBoolean, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
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
  ) {}

  @Get('reports/:id/ofsted-deadline')
  @ApiOperation({ summary: "When the report's action plan is due to Ofsted (70 working days after an inadequate or requires-improvement report's publication unless recorded otherwise)" })
  ofstedDeadline(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<ReportDeadlineView> {
    return this.deadlines.get(id, caller);
  }

  @Put('reports/:id/ofsted-deadline')
  @Permission('report.update')
  @ApiOperation({ summary: 'Records the date Ofsted expects the action plan (null returns to the default)' })
  setOfstedDeadline(@Param('id', ParseIdPipe) id: number, @Body() body: OfstedDeadlineDto, @Caller() caller: RequestContext): Promise<ReportDeadlineView> {
    return this.deadlines.set(id, body.dueDate, caller);
  }

  @Get('actions/:id/repeats')
  @ApiOperation({ summary: "Recommendations of the council's other reports that this action's recommendation repeats, or that repeat it" })
  actionRepeats(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<RepeatLinkView[]> {
    return this.repeats.forAction(id, caller);
  }

  @Get('authorities/:code/repeats')
  @ApiOperation({ summary: "Every likely or confirmed repeat between a council's reports" })
  authorityRepeats(@Param('code') code: string, @Query() query: RepeatListQueryDto, @Caller() caller: RequestContext): Promise<RepeatLinkView[]> {
    return this.repeats.forAuthority(code, caller, { includeDismissed: query.includeDismissed });
  }

  @Patch('repeat-links/:id')
  @Permission('report.update')
  @ApiOperation({ summary: 'A board member confirms or dismisses a likely repeat' })
  decideRepeat(@Param('id', ParseIdPipe) id: number, @Body() body: RepeatDecisionDto, @Caller() caller: RequestContext): Promise<RepeatLinkView> {
    return this.repeats.decide(id, body.status, caller);
  }
}
