import { Injectable } from '@nestjs/common';
import { assertMay } from '#access';
import type { Report } from '#database';
import { isIsoDate, ofstedPlanDeadline, type OfstedPlanDeadline } from '#deadlines';
import { BoardErrorCode, BoardException } from './board.exception.js';
import { OfstedDeadlineRepository } from './ofsted-deadline.repository.js';
import { canSeeAuthority, Clock, type IsoDate, type RequestContext } from '#core';

export interface ReportDeadlineView {
  reportId: number;
  authorityCode: string;
  publishedOn: IsoDate | null;
  /** The date the board recorded, if any; null means the default applies. */
  recordedDueDate: IsoDate | null;
  ofstedPlan: OfstedPlanDeadline | null;
}

/** When each report's action plan is due to Ofsted, and the date a board records when Ofsted agreed another. */
@Injectable()
export class OfstedDeadlinesService {
  constructor(
    private readonly reports: OfstedDeadlineRepository,
    private readonly clock: Clock,
  ) {}

  async get(reportId: number, context: RequestContext): Promise<ReportDeadlineView> {
    return this.view(await this.findVisible(reportId, context));
  }

  /** Records (or, with null, clears) the date Ofsted expects the plan; board members only. */
  async set(reportId: number, dueDate: IsoDate | null, context: RequestContext): Promise<ReportDeadlineView> {
    const malformed = ofstedDueDateProblem(dueDate, null);
    if (malformed) throw malformed;
    const report = await this.findVisible(reportId, context);
    assertMay(context, 'report.update', report);
    const early = ofstedDueDateProblem(dueDate, report.publishedOn);
    if (early) throw early;
    await this.reports.record(reportId, dueDate);
    return this.view({ ...report, ofstedPlanDueDate: dueDate });
  }

  private view(report: Report): ReportDeadlineView {
    return {
      reportId: report.id,
      authorityCode: report.authorityCode,
      publishedOn: report.publishedOn,
      recordedDueDate: report.ofstedPlanDueDate,
      ofstedPlan: ofstedPlanDeadline(report, this.clock.today()),
    };
  }

  private async findVisible(id: number, context: RequestContext): Promise<Report> {
    const report = await this.reports.find(id);
    if (!report || !canSeeAuthority(context, report.authorityCode)) throw BoardException.notFound('Report', id);
    return report;
  }
}

/** Why a board cannot record this Ofsted plan date: not a date (null clears it), or before the report was published. */
export function ofstedDueDateProblem(dueDate: IsoDate | null, publishedOn: IsoDate | null): BoardException | null {
  if (dueDate === null) return null;
  if (!isIsoDate(dueDate)) return new BoardException(BoardErrorCode.INVALID_INPUT, 'dueDate must be a date in the form YYYY-MM-DD, or null for the default');
  if (publishedOn && dueDate < publishedOn) return new BoardException(BoardErrorCode.INVALID_INPUT, `dueDate ${dueDate} is before the report was published (${publishedOn})`);
  return null;
}
