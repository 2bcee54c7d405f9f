import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { idInList, idListParameter, isoDateFromRow, isoDateOrNullFromRow, readArrays, readSql } from '#database';
import type { ActionStatus, Judgement, Rag, Timeframe } from '#core';
import type { SummaryActionGroup, SummaryReport } from './summary-figures.js';

/**
 * The reads behind a council's summary. The dashboard is the page a board opens first, and a
 * council holds hundreds of actions: they are read as raw rows of only the columns the figures
 * count by, grouped in SQL, never hydrated as entities (summaryFigures folds them).
 */
@Injectable()
export class SummaryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The council's actions grouped by everything the figures tell apart, with the size of each group. */
  async actionGroups(authorityCode: string): Promise<SummaryActionGroup[]> {
    // In the column order of idx_actions_authority_summary: read from the index alone, already grouped.
    // As arrays (readArrays): a council's groups run to hundreds of rows, and as objects building them cost more than grouping.
    const rows = (await readArrays(
      this.dataSource,
      `SELECT status, due_date, original_due_date, rag_override, timeframe, report_id, team_id, COUNT(*) AS n
       FROM actions
       WHERE authority_code = :authorityCode
       GROUP BY status, due_date, original_due_date, rag_override, timeframe, report_id, team_id`,
      { authorityCode },
    )) as [ActionStatus, unknown, unknown, Rag | null, Timeframe, number, number | null, number | string][];
    const teamIds = [...new Set(rows.flatMap((row) => (row[6] === null ? [] : [Number(row[6])])))];
    const teamNames = new Map<number, string>();
    if (teamIds.length > 0) {
      const teams = await readSql<{ id: number; name: string }>(this.dataSource, `SELECT id, name FROM teams WHERE ${idInList(this.dataSource, 'id', ':ids')}`, {
        ids: idListParameter(this.dataSource, teamIds),
      });
      for (const team of teams) teamNames.set(Number(team.id), team.name);
    }
    return rows.map(([status, dueDate, originalDueDate, ragOverride, timeframe, reportId, teamIdValue, n]) => {
      const teamId = teamIdValue === null ? null : Number(teamIdValue);
      return {
        status,
        dueDate: isoDateFromRow(dueDate),
        originalDueDate: isoDateFromRow(originalDueDate),
        ragOverride,
        timeframe,
        reportId: Number(reportId),
        teamId,
        teamName: teamId === null ? null : (teamNames.get(teamId) ?? null),
        count: Number(n),
      };
    });
  }

  /** The council's reports, oldest baseline first. */
  async reports(authorityCode: string): Promise<SummaryReport[]> {
    const rows = await readSql<{ id: number; format: string; baseline_date: unknown; published_on: unknown; judgements: string; ofsted_plan_due_date: unknown }>(
      this.dataSource,
      `SELECT id, format, baseline_date, published_on, judgements, ofsted_plan_due_date FROM reports WHERE authority_code = :authorityCode ORDER BY baseline_date ASC, id ASC`,
      { authorityCode },
    );
    return rows.map((row) => ({
      id: Number(row.id),
      format: row.format,
      baselineDate: isoDateFromRow(row.baseline_date),
      publishedOn: isoDateOrNullFromRow(row.published_on),
      judgements: JSON.parse(row.judgements) as Judgement[],
      ofstedPlanDueDate: isoDateOrNullFromRow(row.ofsted_plan_due_date),
    }));
  }

  /** Challenges not yet closed by their challenger, and date change requests waiting for the board. */
  async openItems(authorityCode: string): Promise<{ openChallenges: number; pendingDateRequests: number }> {
    const [row] = await readSql<{ open_challenges: number | string; pending_date_requests: number | string }>(
      this.dataSource,
      `SELECT (SELECT COUNT(*) FROM action_challenges WHERE authority_code = :authorityCode AND state <> 'closed') AS open_challenges,
              (SELECT COUNT(*) FROM action_date_requests WHERE authority_code = :authorityCode AND state = 'pending') AS pending_date_requests`,
      { authorityCode },
    );
    return { openChallenges: Number(row.open_challenges), pendingDateRequests: Number(row.pending_date_requests) };
  }
}
