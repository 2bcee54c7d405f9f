import { AMBER_WINDOW_DAYS, addCalendarDays } from '#deadlines';
import { booleanFromRow, instantFromRow, instantOrNullFromRow, isoDateFromRow, runSql, type Action } from '#database';
import type { DataSource } from 'typeorm';
import { toActionView, type ActionView } from './action-view.js';
import type { RagBasis } from '#governance';
import { OPEN_STATUSES, type ActionStatus, type Addressee, type IsoDate, type Page, type Rag, type RequestContext, type Timeframe } from '#core';

export type ActionSort = 'dueDate' | '-dueDate' | 'id' | '-id' | 'updatedAt' | '-updatedAt' | 'status' | 'title';

export interface ActionFilters {
  authority?: string;
  reportId?: number;
  teamId?: number;
  /** Only these actions (the ones ticked on a page). */
  ids?: readonly number[];
  unassigned?: boolean;
  status?: readonly ActionStatus[];
  timeframe?: readonly Timeframe[];
  addressee?: readonly Addressee[];
  rag?: readonly Rag[];
  overdue?: boolean;
  /** Only actions whose due date is no longer the original one. */
  reprogrammed?: boolean;
  dueBefore?: IsoDate;
  dueAfter?: IsoDate;
  q?: string;
  sort?: ActionSort;
  limit: number;
  offset: number;
}

const SORT_COLUMNS: Record<string, string> = {
  dueDate: 'a.due_date',
  id: 'a.id',
  updatedAt: 'a.updated_at',
  status: 'a.status',
  title: 'a.title',
};

/**
 * One page of actions in three statements, written by hand because this is the busiest read:
 * the matching ids are sorted and cut on the narrow actions table (its indexes cover the common
 * filters), the count uses the same conditions, and only the page's rows are then joined to their
 * team and recommendation. Sorting whole joined rows, recommendation text and all, cost several
 * times more, and hydrating entities for the page cost more than the three statements together.
 */
export async function queryActionPage(dataSource: DataSource, filters: ActionFilters, context: RequestContext, today: IsoDate, basis: RagBasis = 'current'): Promise<Page<ActionView>> {
  const { from, where, parameters } = actionConditions(filters, context, today, basis);
  const sort = filters.sort ?? 'dueDate';
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const [pageRows, countRows] = await Promise.all([
    runSql<{ id: number | string }>(
      dataSource,
      `SELECT a.id FROM ${from} WHERE ${where} ORDER BY ${SORT_COLUMNS[sort.replace(/^-/, '')]} ${direction}, a.id ${direction} LIMIT :limit OFFSET :offset`,
      { ...parameters, limit: filters.limit, offset: filters.offset },
    ),
    runSql<{ total: number | string }>(dataSource, `SELECT COUNT(*) AS total FROM ${from} WHERE ${where}`, parameters),
  ]);
  const ids = pageRows.map((row) => Number(row.id));
  const rows = ids.length === 0 ? [] : await runSql<ActionRow>(dataSource, `${ACTION_ROW_SELECT} WHERE a.id IN (:...ids)`, { ids });
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toActionView(actionOfRow(row), today, basis)] : [];
  });
  return { items, total: Number(countRows[0]?.total ?? 0), limit: filters.limit, offset: filters.offset };
}

interface Conditions {
  from: string;
  where: string;
  parameters: Record<string, unknown>;
}

/** The filters and the caller's authority scope as SQL over `actions a` (joined to `recommendations r` for text search). */
export function actionConditions(filters: ActionFilters, context: RequestContext, today: IsoDate, basis: RagBasis = 'current'): Conditions {
  // The date RAG, overdue and due soon are judged by: see RAG_BASIS.
  const rated = basis === 'original' ? 'a.original_due_date' : 'a.due_date';
  const where: string[] = [];
  const parameters: Record<string, unknown> = {};
  const q = filters.q?.trim();
  if (context.authorities !== 'all') {
    if (context.authorities.length === 0) where.push('1 = 0');
    else {
      where.push('a.authority_code IN (:...scope)');
      parameters.scope = context.authorities;
    }
  }
  const add = (condition: string, values: Record<string, unknown> = {}) => {
    where.push(condition);
    Object.assign(parameters, values);
  };
  if (filters.authority) add('a.authority_code = :authority', { authority: filters.authority });
  if (filters.reportId !== undefined) add('a.report_id = :reportId', { reportId: filters.reportId });
  if (filters.teamId !== undefined) add('a.team_id = :teamId', { teamId: filters.teamId });
  if (filters.ids) add(filters.ids.length ? 'a.id IN (:...onlyIds)' : '1 = 0', { onlyIds: filters.ids });
  if (filters.unassigned) add('a.team_id IS NULL');
  if (filters.status?.length) add('a.status IN (:...status)', { status: filters.status });
  if (filters.timeframe?.length) add('a.timeframe IN (:...timeframe)', { timeframe: filters.timeframe });
  if (filters.addressee?.length) add('a.addressee IN (:...addressee)', { addressee: filters.addressee });
  if (filters.overdue) add(`a.status IN (:...open) AND ${rated} < :today`, { open: OPEN_STATUSES, today });
  if (filters.reprogrammed) add('a.due_date <> a.original_due_date');
  if (filters.dueBefore) add('a.due_date <= :dueBefore', { dueBefore: filters.dueBefore });
  if (filters.dueAfter) add('a.due_date >= :dueAfter', { dueAfter: filters.dueAfter });
  if (q) {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add("(LOWER(a.title) LIKE :q ESCAPE '\\' OR LOWER(r.text) LIKE :q ESCAPE '\\')", { q: pattern });
  }
  if (filters.rag?.length) {
    add(`(${filters.rag.map((rag) => ragCondition(rag, rated)).join(' OR ')})`, {
      today,
      amberUntil: addCalendarDays(today, AMBER_WINDOW_DAYS),
      ragCompleted: 'signed_off',
      ...Object.fromEntries(filters.rag.map((rag) => [`rag_${rag}`, rag])),
    });
  }
  return {
    from: q ? 'actions a LEFT JOIN recommendations r ON r.id = a.recommendation_id' : 'actions a',
    where: where.length > 0 ? where.join(' AND ') : '1 = 1',
    parameters,
  };
}

/** SQL for one derived RAG value; mirrors standingOf (#governance) so filters and displayed tags always agree. */
function ragCondition(rag: Rag, rated: string): string {
  const overridden = `a.rag_override = :rag_${rag}`;
  const derived = {
    complete: `a.status = :ragCompleted`,
    red: `a.status <> :ragCompleted AND ${rated} < :today`,
    amber: `a.status <> :ragCompleted AND ${rated} >= :today AND ${rated} <= :amberUntil`,
    green: `a.status <> :ragCompleted AND ${rated} > :amberUntil`,
  }[rag];
  return `(${overridden} OR (a.rag_override IS NULL AND ${derived}))`;
}

const ACTION_ROW_SELECT = `SELECT a.id, a.recommendation_id, a.report_id, a.authority_code, a.timeframe, a.addressee, a.title, a.team_id,
    a.lead_officer, a.status, a.rag_override, a.rag_override_note, a.original_due_date, a.due_date, a.due_date_assumed,
    a.due_date_reason, a.what_will_be_done, a.success_measure, a.completed_at, a.signed_off_at, a.signed_off_by, a.created_at, a.updated_at, a.version,
    t.name AS team_name, r.ordinal, r.reference, r.text, r.theme
  FROM actions a LEFT JOIN teams t ON t.id = a.team_id LEFT JOIN recommendations r ON r.id = a.recommendation_id`;

interface ActionRow {
  id: number | string;
  recommendation_id: number | string;
  report_id: number | string;
  authority_code: string;
  timeframe: Timeframe;
  addressee: Addressee;
  title: string;
  team_id: number | string | null;
  lead_officer: string | null;
  status: ActionStatus;
  rag_override: Rag | null;
  rag_override_note: string | null;
  original_due_date: unknown;
  due_date: unknown;
  due_date_assumed: unknown;
  due_date_reason: string | null;
  what_will_be_done: string | null;
  success_measure: string | null;
  completed_at: unknown;
  signed_off_at: unknown;
  signed_off_by: string | null;
  created_at: unknown;
  updated_at: unknown;
  version: number | string;
  team_name: string | null;
  ordinal: number | string | null;
  reference: string | null;
  text: string | null;
  theme: string | null;
}

/** The row as the entity the view is built from, with just the relations the view reads. */
function actionOfRow(row: ActionRow): Action {
  const teamId = row.team_id === null ? null : Number(row.team_id);
  const recommendationId = Number(row.recommendation_id);
  return {
    id: Number(row.id),
    recommendationId,
    reportId: Number(row.report_id),
    authorityCode: row.authority_code,
    timeframe: row.timeframe,
    addressee: row.addressee,
    title: row.title,
    teamId,
    team: teamId === null || row.team_name === null ? null : ({ id: teamId, name: row.team_name } as Action['team']),
    leadOfficer: row.lead_officer,
    status: row.status,
    ragOverride: row.rag_override,
    ragOverrideNote: row.rag_override_note,
    originalDueDate: isoDateFromRow(row.original_due_date),
    dueDate: isoDateFromRow(row.due_date),
    dueDateAssumed: booleanFromRow(row.due_date_assumed),
    dueDateReason: row.due_date_reason,
    whatWillBeDone: row.what_will_be_done,
    successMeasure: row.success_measure,
    completedAt: instantOrNullFromRow(row.completed_at),
    signedOffAt: instantOrNullFromRow(row.signed_off_at),
    signedOffBy: row.signed_off_by,
    createdAt: instantFromRow(row.created_at),
    updatedAt: instantFromRow(row.updated_at),
    version: Number(row.version),
    recommendation:
      row.text === null
        ? undefined
        : ({ id: recommendationId, ordinal: Number(row.ordinal), reference: row.reference, text: row.text, theme: row.theme } as Action['recommendation']),
  };
}
