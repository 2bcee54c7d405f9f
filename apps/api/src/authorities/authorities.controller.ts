import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthoritySummaryDto } from './authority-summary.dto.js';
import { SummaryService, type AuthoritySummary } from '#tracking';
import { Caller } from '../http/request-context.decorator.js';
import type { RequestContext } from '#core';

@ApiTags('authorities')
@Controller('authorities')
export class AuthoritiesController {
  constructor(private readonly summaries: SummaryService) {}

  @Get(':code/summary')
  @ApiOperation({ summary: 'Counts by status, RAG, timeframe and team; overdue; progress per report' })
  @ApiOkResponse({ type: AuthoritySummaryDto })
  summary(@Param('code') code: string, @Caller() caller: RequestContext): Promise<AuthoritySummary> {
    return this.summaries.forAuthority(code, caller);
  }
}
