import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OfstedDeadlinesService, type ReportDeadlineView } from '#board';
import { Permission } from '../auth/access.decorators.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { Caller } from '../http/request-context.decorator.js';
import { OfstedDeadlineDto } from './board.dto.js';
import type { RequestContext } from '#core';

@ApiTags('board')
@Controller()
export class BoardController {
  constructor(private readonly deadlines: OfstedDeadlinesService) {}

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
}
