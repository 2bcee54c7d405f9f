import { AMBER_WINDOW_DAYS, addCalendarDays } from '#deadlines';
import { booleanFromRow, isoDateFromRow, isoInstantFromRow, isoInstantOrNullFromRow, readArrays } from '#database';
import type { DataSource } from 'typeorm';
import type { ActionView } from './action-view.js';
import { standingOf, type RagBasis } from '#governance';
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
 * One page of actions in two statements, written by hand because this is the busiest read: the
 * page's ids are sorted and cut on the narrow actions table (its indexes cover the common
 * filters) inside a statement that then joins just those rows to their team and recommendation,
 * and the count uses the same conditions. Sorting whole joined rows, recommendation text and all,
 * cost several times more. The rows come back as arrays (readArrays): as objects, with this many
 * columns, making them cost more than the statements.
 */
export async function queryActionPage(dataSource: DataSource, filters: ActionFilters, context: RequestContext, today: IsoDate, basis: RagBasis = 'current'): Promise<Page<ActionView>> {
  const conditions = actionConditions(filters, context, today, basis);
  const [items, countRows] = await Promise.all([
    pageItems(dataSource, conditions, filters, today, basis),
    readArrays(dataSource, `SELECT COUNT(*) AS total FROM ${conditions.from} WHERE ${conditions.where}`, conditions.parameters),
  ]);
  return { items, total: Number(countRows[0]?.[0] ?? 0), limit: filters.limit, offset: filters.offset };
}

/** A page of actions without counting all that match: for a reader that knows the total already. */
export function queryActionItems(dataSource: DataSource, filters: ActionFilters, context: RequestContext, today: IsoDate, basis: RagBasis = 'current'): Promise<ActionView[]> {
  return pageItems(dataSource, actionConditions(filters, context, today, basis), filters, today, basis);
}

async function pageItems(dataSource: DataSource, { from, where, parameters }: Conditions, filters: ActionFilters, today: IsoDate, basis: RagBasis): Promise<ActionView[]> {
  const sort = filters.sort ?? 'dueDate';
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const order = `${SORT_COLUMNS[sort.replace(/^-/, '')]} ${direction}, a.id ${direction}`;
  // The page's bounds are written into the statement: SQLite plans a bound LIMIT by its value, so
  // binding one makes it prepare the statement again on every run.
  const page = `LIMIT ${wholeNumber(filters.limit)} OFFSET ${wholeNumber(filters.offset)}`;
  const rows = await readArrays(
    dataSource,
    `${ACTION_ROW_SELECT} FROM (SELECT a.id FROM ${from} WHERE ${where} ORDER BY ${order} ${page}) page
      JOIN actions a ON a.id = page.id ${ACTION_ROW_JOINS} ORDER BY ${order}`,
    parameters,
  );
  return rows.map((row) => actionViewOfRow(row as ActionRow, today, basis));
}

function wholeNumber(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${value} is not a page bound`);
  return value;
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

/** The columns actionViewOfRow reads, in its order. */
const ACTION_ROW_SELECT = `SELECT a.id, a.recommendation_id, a.report_id, a.authority_code, a.timeframe, a.addressee, a.title, a.team_id,
    a.lead_officer, a.status, a.rag_override, a.rag_override_note, a.original_due_date, a.due_date, a.due_date_assumed,
    a.due_date_reason, a.what_will_be_done, a.success_measure, a.completed_at, a.signed_off_at, a.signed_off_by, a.created_at, a.updated_at, a.version,
    t.name AS team_name, r.ordinal, r.reference, r.text, r.theme`;
const ACTION_ROW_JOINS = 'LEFT JOIN teams t ON t.id = a.team_id LEFT JOIN recommendations r ON r.id = a.recommendation_id';

type ActionRow = [
  id: number | string,
  recommendationId: number | string,
  reportId: number | string,
  authorityCode: string,
  timeframe: Timeframe,
  addressee: Addressee,
  title: string,
  teamId: number | string | null,
  leadOfficer: string | null,
  status: ActionStatus,
  ragOverride: Rag | null,
  ragOverrideNote: string | null,
  originalDueDate: unknown,
  dueDate: unknown,
  dueDateAssumed: unknown,
  dueDateReason: string | null,
  whatWillBeDone: string | null,
  successMeasure: string | null,
  completedAt: unknown,
  signedOffAt: unknown,
  signedOffBy: string | null,
  createdAt: unknown,
  updatedAt: unknown,
  version: number | string,
  teamName: string | null,
  ordinal: number | string | null,
  reference: string | null,
  text: string | null,
  theme: string | null,
];

/**
 * The row straight as the view toActionView would make of it (same fields, same order, same
 * values): the list does not build the entity first, nor a Date of each instant only to print it.
 */
function actionViewOfRow(row: ActionRow, today: IsoDate, basis: RagBasis): ActionView {
  const [
    id, recommendationId, reportId, authorityCode, timeframe, addressee, title, teamId, leadOfficer, status, ragOverride, ragOverrideNote,
    originalDueDateValue, dueDateValue, dueDateAssumed, dueDateReason, whatWillBeDone, successMeasure, completedAt, signedOffAt, signedOffBy,
    createdAt, updatedAt, version, teamName, ordinal, reference, text, theme,
  ] = row;
  const originalDueDate = isoDateFromRow(originalDueDateValue);
  const dueDate = isoDateFromRow(dueDateValue);
  const standing = standingOf({ status, originalDueDate, dueDate, ragOverride }, today, basis);
  return {
    id: Number(id),
    title,
    status,
    rag: standing.rag,
    ragOverridden: ragOverride !== null,
    ragOverrideNote,
    authorityCode,
    reportId: Number(reportId),
    timeframe,
    addressee,
    team: teamId === null || teamName === null ? null : { id: Number(teamId), name: teamName },
    leadOfficer,
    originalDueDate,
    dueDate,
    dueDateAssumed: booleanFromRow(dueDateAssumed),
    dueDateReason,
    daysOverdue: standing.daysOverdue,
    ratedAgainst: standing.ratedAgainst,
    reprogrammed: standing.reprogrammed,
    daysSlipped: standing.daysSlipped,
    awaitingSignOff: standing.awaitingSignOff,
    whatWillBeDone: whatWillBeDone ?? null,
    successMeasure: successMeasure ?? null,
    recommendation: text === null ? null : { id: Number(recommendationId), ordinal: Number(ordinal), reference: reference as string, text, theme },
    completedAt: isoInstantOrNullFromRow(completedAt),
    signedOffAt: isoInstantOrNullFromRow(signedOffAt),
    signedOffBy: signedOffBy ?? null,
    version: Number(version),
    createdAt: isoInstantFromRow(createdAt),
    updatedAt: isoInstantFromRow(updatedAt),
  };
}
