import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, UploadedFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { DraftPreviewDto, IngestedReportDto, RecommendationDto, ReportDto, ReportExtractionDto } from './report-response.dto.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import type { Request } from 'express';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ReportsService, TrackingErrorCode, TrackingException, type IngestResult } from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import { FileUpload } from '../auth/file-upload.decorator.js';
import { Caller } from '../http/request-context.decorator.js';
import type { DraftCorrections } from '#extraction';
import { collectMessages } from '../http/validation-messages.js';
import { IngestJsonDto, IngestQueryDto, ReportListQueryDto, UpdateReportDto } from './report.dto.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import type { RequestContext } from '#core';

/** The parts of a multer upload that ingestion reads. */
interface UploadedReportFile {
  buffer: Buffer;
  originalname: string;
}

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Permission('report.ingest')
  @HttpCode(201)
  @FileUpload('file')
  @ApiOperation({
    summary: 'Ingest a report: its recommendations become actions, in one transaction',
    description:
      'Send the text as text/plain or text/markdown, as JSON { text }, or upload a .txt/.md/.pdf as multipart field "file". ' +
      'The same text ingested again answers 409 with the existing reportId. ?dryRun=true returns the draft (with its warnings) and saves nothing. ' +
      'As JSON, { text, baselineDate?, recommendations? } confirms the list as corrected by hand (the same corrections as the upload preview): ' +
      'the report keeps the extracted draft and the edits (GET /api/reports/{id}/extraction). A report that makes no recommendations is stored with no actions.',
  })
  @ApiConsumes('text/plain', 'text/markdown', 'application/json', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string' } })
  @ApiExtraModels(IngestedReportDto, DraftPreviewDto)
  @ApiCreatedResponse({
    description: 'The stored report and how many actions it made; with ?dryRun=true, the draft instead (nothing saved)',
    schema: { oneOf: [{ $ref: getSchemaPath(IngestedReportDto) }, { $ref: getSchemaPath(DraftPreviewDto) }], discriminator: { propertyName: 'dryRun' } },
  })
  @ApiErrors(409, 413, 415, 422)
  async ingest(
    @Req() request: Request,
    @Query() query: IngestQueryDto,
    @UploadedFile() file: UploadedReportFile | undefined,
    @Caller() caller: RequestContext,
  ): Promise<IngestResult> {
    const { content, fileName, corrections } = await readReportBody(request, file, query.fileName);
    return this.reports.ingest(
      { content, fileName, baselineDate: query.baselineDate, authorityCode: query.authorityCode, corrections, dryRun: query.dryRun },
      caller,
    );
  }

  @Get()
  @ApiOperation({ summary: 'Reports the caller may see, newest baseline first' })
  @ApiOkResponse({ type: [ReportDto] })
  list(@Query() query: ReportListQueryDto, @Caller() caller: RequestContext): Promise<ReportDto[]> {
    return this.reports.list(caller, query.authority);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One report with its judgements and the warnings its draft carried' })
  @ApiOkResponse({ type: ReportDto })
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<ReportDto> {
    return this.reports.get(id, caller);
  }

  @Get(':id/extraction')
  @ApiOperation({ summary: 'The draft as the extractor read it (with its warnings), and every change made by hand before the report was confirmed' })
  @ApiOkResponse({ type: ReportExtractionDto })
  extraction(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<ReportExtractionDto> {
    return this.reports.extractionOf(id, caller);
  }

  @Get(':id/recommendations')
  @ApiOperation({ summary: "The report's recommendations as worded, in document order" })
  @ApiOkResponse({ type: [RecommendationDto] })
  recommendations(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<RecommendationDto[]> {
    return this.reports.recommendationsOf(id, caller);
  }

  @Patch(':id')
  @Permission('report.update')
  @ApiOperation({ summary: 'Change the baseline date; due dates not re-programmed by hand move with it' })
  @ApiOkResponse({ type: ReportDto })
  update(@Param('id', ParseIdPipe) id: number, @Body() body: UpdateReportDto, @Caller() caller: RequestContext) {
    return this.reports.changeBaseline(id, body.baselineDate, caller);
  }
}

async function readReportBody(
  request: Request,
  file: UploadedReportFile | undefined,
  fileName: string | undefined,
): Promise<{ content: string | Uint8Array; fileName?: string; corrections?: DraftCorrections }> {
  if (file) return { content: file.buffer, fileName: file.originalname };
  if (request.is('multipart/form-data')) {
    throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'Attach the report as the multipart field "file"');
  }
  if (typeof request.body === 'string') return { content: request.body, fileName };
  if (request.is('application/json')) {
    const body = plainToInstance(IngestJsonDto, request.body ?? {});
    const errors = await validate(body, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw new TrackingException(TrackingErrorCode.INVALID_INPUT, errors.flatMap(collectMessages).join('; '));
    }
    const corrections = body.baselineDate !== undefined || body.recommendations !== undefined ? { baselineDate: body.baselineDate, recommendations: body.recommendations } : undefined;
    return { content: body.text, fileName: body.fileName ?? fileName, corrections };
  }
  throw new TrackingException(
    TrackingErrorCode.INVALID_INPUT,
    'Send the report as text/plain or text/markdown, as JSON { "text": ... }, or as a multipart upload in the field "file"',
  );
}
