import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { holdsPermissionIn } from '#access';
import { ExtractionPool } from '#extraction';
import { PendingUploadsService, ReportsService, TrackingErrorCode, TrackingException, type IngestResult } from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import { FileUpload } from '../auth/file-upload.decorator.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { PageShell, type AuthorityChoice } from './page-shell.service.js';
import { UploadPreview } from './upload-preview.service.js';
import { formRefusal, type FormRefusal } from './form-refusals.js';
import { noteExtractionFailure } from '../operations/extraction-failures.js';
import { ConfirmUploadForm, formProblem, NO_PROBLEMS, readForm, UploadForm, type FormProblems } from './web-forms.js';

interface UploadedReportFile {
  buffer: Buffer;
  originalname: string;
}

/**
 * Uploading a report: the extracted recommendations are shown for checking and correcting first
 * (a dry run; see UploadCorrectionsController), and only a confirmation creates the actions, from
 * the list as corrected. The extracted text waits on the server under a
 * one-off id that the preview form carries, so what is confirmed is exactly what was checked,
 * whatever the report's size.
 */
@ApiExcludeController()
@Controller('reports')
export class ReportUploadController {
  constructor(
    private readonly shell: PageShell,
    private readonly reports: ReportsService,
    private readonly pendingUploads: PendingUploadsService,
    private readonly previews: UploadPreview,
    private readonly extraction: ExtractionPool,
  ) {}

  @Get('new')
  @Permission('report.ingest')
  async form(@Query('authority') requested: string | undefined, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const authority = await this.shell.authorityFor(request.caller!.context, requested || undefined);
    await this.renderForm(request, response, authority, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post('new')
  @Permission('report.ingest')
  @FileUpload('file')
  async preview(
    @UploadedFile() file: UploadedReportFile | undefined,
    @Body() body: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const context = request.caller!.context;
    const { form, problems } = await readForm(UploadForm, body, ['authorityCode']);
    // Only a council code that passed the form's rules is looked up: a field sent twice is a list.
    const chosen = form.authorityCode && !problems.byField.authorityCode ? await this.shell.knownAuthority(context, form.authorityCode) : null;
    if (!file || file.buffer.length === 0) problems.list.unshift({ href: '#file', text: 'Select the inspection report: a PDF, text or markdown file' });
    if (problems.list.length > 0) return this.renderForm(request, response, chosen, problems, HttpStatus.BAD_REQUEST);
    let result: IngestResult;
    try {
      const text = await this.extraction.readReportText(file!.buffer, file!.originalname);
      result = await this.reports.ingest({ content: text, fileName: file!.originalname, authorityCode: form.authorityCode || undefined, dryRun: true }, context);
    } catch (error) {
      const refusal = formRefusal(error, '#file');
      if (!refusal) throw error;
      noteExtractionFailure(response, error);
      return this.renderForm(request, response, chosen, refusal.problems, refusal.status);
    }
    if (!result.dryRun) throw new Error('a dry run saved a report');
    const kept = await this.pendingUploads.keep(
      { text: result.text, fileName: file!.originalname, authorityCode: result.authorityCode, draft: result.draft },
      context,
    );
    await this.previews.render(request, response, await this.pendingUploads.find(kept.id, context));
  }

  @Post('confirm')
  @Permission('report.ingest')
  async confirm(@Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const { form, problems } = await readForm(ConfirmUploadForm, body, ['upload']);
    if (problems.list.length > 0) return this.renderForm(request, response, null, problems, HttpStatus.BAD_REQUEST);
    let authority: AuthorityChoice | null = null;
    try {
      const upload = await this.pendingUploads.find(form.upload, context);
      authority = await this.shell.knownAuthority(context, upload.authorityCode);
      const result = await this.reports.ingest(
        { content: upload.text, fileName: upload.fileName ?? undefined, authorityCode: upload.authorityCode, corrections: upload.corrections ?? undefined },
        context,
      );
      if (result.dryRun) throw new Error('a confirmed upload was taken as a dry run');
      await this.pendingUploads.discard(upload.id, context);
      const where = `authority=${encodeURIComponent(result.report.authorityCode)}&report=${result.report.id}`;
      response.redirect(303, `/actions?${where}&saved=report`);
    } catch (error) {
      const refusal = formRefusal(error, '#file') ?? pendingUploadGone(error);
      if (!refusal) throw error;
      noteExtractionFailure(response, error);
      return this.renderForm(request, response, authority, refusal.problems, refusal.status);
    }
  }

  private async renderForm(request: AuthenticatedRequest, response: Response, authority: AuthorityChoice | null, problems: FormProblems, status: number): Promise<void> {
    const context = request.caller!.context;
    const choices = (await this.shell.authoritiesOf(context)).filter((choice) => holdsPermissionIn(context, choice.code, 'report.ingest'));
    response.status(status).render('upload', {
      title: 'Upload a report',
      layout: this.shell.layout(request, 'upload', authority),
      authority,
      choices,
      problems,
    });
  }
}

/** An expired or already confirmed upload: the form says to upload the report again, rather than "page not found". */
function pendingUploadGone(error: unknown): FormRefusal | null {
  if (!(error instanceof TrackingException) || error.code !== TrackingErrorCode.NOT_FOUND) return null;
  return { status: HttpStatus.NOT_FOUND, problems: formProblem(error.message, '#file') };
}
