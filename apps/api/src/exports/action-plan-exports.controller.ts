import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ACTION_PLAN_CONTENT_TYPES, ActionPlanExportService, type ActionPlanFile } from '#tracking';
import { Caller } from '../http/request-context.decorator.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import type { RequestContext } from '#core';

const COLUMNS =
  'One row per action, the whole plan: reference, recommendation as worded, timeframe, owner, lead officer, original and current due dates, ' +
  'status, RAG, the latest progress note (not a status change\'s note), re-programming with its reason, addressee, what will be done, success measure, ' +
  'milestones, who signed it off and when, the update for the board meeting being prepared for (the next from today, else the last), ' +
  'evidence items (links and files), open challenges (how many, and the latest with its answer) and recommendations made before.';
const WORKBOOK = { description: 'An .xlsx workbook with one worksheet, "Action plan"', schema: { type: 'string', format: 'binary' } };
const CSV = { description: 'UTF-8 CSV (with a byte order mark) with a header row and ISO dates', schema: { type: 'string', format: 'binary' } };

/** Action plans as files for board papers; read access is enough, and each caller gets only what they may see. */
@ApiTags('exports')
@Controller()
export class ActionPlanExportsController {
  constructor(private readonly exports: ActionPlanExportService) {}

  @Get('reports/:id/actions.xlsx')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "The report's action plan as an Excel workbook", description: COLUMNS })
  @ApiProduces(ACTION_PLAN_CONTENT_TYPES.xlsx)
  @ApiOkResponse(WORKBOOK)
  @ApiNotFoundResponse({ description: 'No such report among those the caller may see' })
  async reportWorkbook(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<StreamableFile> {
    return download(await this.exports.forReport(id, 'xlsx', caller));
  }

  @Get('reports/:id/actions.csv')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "The report's action plan as CSV", description: COLUMNS })
  @ApiProduces(ACTION_PLAN_CONTENT_TYPES.csv)
  @ApiOkResponse(CSV)
  @ApiNotFoundResponse({ description: 'No such report among those the caller may see' })
  async reportCsv(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<StreamableFile> {
    return download(await this.exports.forReport(id, 'csv', caller));
  }

  @Get('authorities/:code/actions.xlsx')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "The authority's action plan across all its reports as an Excel workbook", description: `${COLUMNS} A first column names the report.` })
  @ApiProduces(ACTION_PLAN_CONTENT_TYPES.xlsx)
  @ApiOkResponse(WORKBOOK)
  @ApiNotFoundResponse({ description: 'No such authority among those the caller may see' })
  async authorityWorkbook(@Param('code') code: string, @Caller() caller: RequestContext): Promise<StreamableFile> {
    return download(await this.exports.forAuthority(code, 'xlsx', caller));
  }

  @Get('authorities/:code/actions.csv')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "The authority's action plan across all its reports as CSV", description: `${COLUMNS} A first column names the report.` })
  @ApiProduces(ACTION_PLAN_CONTENT_TYPES.csv)
  @ApiOkResponse(CSV)
  @ApiNotFoundResponse({ description: 'No such authority among those the caller may see' })
  async authorityCsv(@Param('code') code: string, @Caller() caller: RequestContext): Promise<StreamableFile> {
    return download(await this.exports.forAuthority(code, 'csv', caller));
  }
}

/** The file name is a slug of letters, digits and dashes, so it needs no further quoting or encoding. */
function download(file: ActionPlanFile): StreamableFile {
  return new StreamableFile(file.content, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"`, length: file.content.length });
}
