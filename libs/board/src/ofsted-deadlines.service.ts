import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { assertMay } from '#access';
import { Report } from '#database';
import { isIsoDate, ofstedPlanDeadline, type OfstedPlanDeadline } from '#deadlines';
import { BoardErrorCode, BoardException } from './board.exception.js';
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
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    private readonly clock: Clock,
  ) {}

  async get(reportId: number, context: RequestContext): Promise<ReportDeadlineView> {
    return this.view(await this.findVisible(reportId, context));
  }

  /** Records (or, with null, clears) the date Ofsted expects the plan; board members only. */
  async set(reportId: number, dueDate: IsoDate | null, context: RequestContext): Promise<ReportDeadlineView> {
    if (dueDate !== null && !isIsoDate(dueDate)) throw new BoardException(BoardErrorCode.INVALID_INPUT, 'dueDate must be a date in the form YYYY-MM-DD, or null for the default');
    const report = await this.findVisible(reportId, context);
    assertMay(context, 'report.update', report);
    if (dueDate !== null && report.publishedOn && dueDate < report.publishedOn) {
      throw new BoardException(BoardErrorCode.INVALID_INPUT, `dueDate ${dueDate} is before the report was published (${report.publishedOn})`);
    }
    await this.reports.update({ id: reportId }, { ofstedPlanDueDate: dueDate });
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
    const report = await this.reports.findOne({ where: { id } });
    if (!report || !canSeeAuthority(context, report.authorityCode)) throw BoardException.notFound('Report', id);
    return report;
  }
}
