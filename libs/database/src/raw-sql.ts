import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { readerFor } from './committed-reads.js';

/**
 * Hand-written SQL for the hot paths, where hydrating entities costs several times the query.
 * `:name` and `:...list` parameters become the driver's own placeholders, so one statement text
 * serves SQLite and PostgreSQL alike.
 */
export async function runSql<T = Record<string, unknown>>(runner: DataSource | EntityManager, sql: string, parameters: ObjectLiteral = {}): Promise<T[]> {
  const [query, values] = dataSourceOf(runner).driver.escapeQueryWithParameters(sql, parameters);
  // A read outside a transaction sees only what is committed (committed-reads.ts).
  const reader = READ_ONLY.test(sql) ? readerFor(runner) : undefined;
  return reader ? ((await reader.query(query, values)) as T[]) : runner.query(query, values);
}

/** Statements that only read: a SELECT, or a WITH ... SELECT (no data-modifying WITH is written here). */
const READ_ONLY = /^\s*(SELECT|WITH)\b/i;

/**
 * A date parameter where PostgreSQL cannot infer its type from a comparison (a value set or
 * selected rather than compared). SQLite keeps dates as text and must not cast: its "date" is numeric.
 */
export function sqlDate(runner: DataSource | EntityManager, parameter: string): string {
  return dataSourceOf(runner).options.type === 'postgres' ? `CAST(${parameter} AS date)` : parameter;
}

/** An instant as a parameter of hand-written SQL: pg takes the Date, SQLite compares and stores TypeORM's UTC text. */
export function sqlInstant(runner: DataSource | EntityManager, instant: Date): Date | string {
  return dataSourceOf(runner).options.type === 'postgres' ? instant : instant.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * A read run often with different values (a worker's per-message reads). TypeORM's SQLite driver
 * writes number parameters into the SQL text, so every id makes a new statement to prepare; here
 * every value is bound, so the statement is prepared once and kept (see dataSourceOptions). On
 * PostgreSQL it is runSql.
 */
export async function readSql<T = Record<string, unknown>>(runner: DataSource | EntityManager, sql: string, parameters: ObjectLiteral = {}): Promise<T[]> {
  if (dataSourceOf(runner).options.type === 'postgres') return runSql<T>(runner, sql, parameters);
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(typeof value === 'boolean' ? Number(value) : value instanceof Date ? sqlInstant(runner, value) : value);
    return '?';
  };
  const text = sql.replace(/:(\.\.\.)?(\w+)/g, (whole: string, spread: string | undefined, key: string) => {
    if (!Object.hasOwn(parameters, key)) return whole;
    const value: unknown = parameters[key];
    return spread ? (value as unknown[]).map(bind).join(', ') : bind(value);
  });
  // A read outside a transaction sees only what is committed (committed-reads.ts), as with runSql.
  const reader = READ_ONLY.test(sql) ? readerFor(runner) : undefined;
  return reader ? ((await reader.query(text, values)) as T[]) : runner.query(text, values);
}

/**
 * SQL: `column` is one of the ids passed as the list parameter `parameter` (give it
 * idListParameter's value). One statement for any number of ids, where `IN (:...ids)` makes a new
 * statement, to prepare again, for every length of list.
 */
export function idInList(runner: DataSource | EntityManager, column: string, parameter: string): string {
  return dataSourceOf(runner).options.type === 'postgres' ? `${column} = ANY(CAST(${parameter} AS integer[]))` : `${column} IN (SELECT value FROM json_each(${parameter}))`;
}

/** The value of idInList's parameter: an array for PostgreSQL, JSON text for SQLite. */
export function idListParameter(runner: DataSource | EntityManager, ids: readonly number[]): number[] | string {
  return dataSourceOf(runner).options.type === 'postgres' ? [...ids] : JSON.stringify(ids);
}

function dataSourceOf(runner: DataSource | EntityManager): DataSource {
  return 'dataSource' in runner ? runner.dataSource : runner;
}

// Raw rows bypass the entity mapping, so the drivers' own representations show through:
// SQLite gives dates and timestamps as text, pg gives Date objects and 64-bit counts as strings.

/** A `date` column: SQLite's text, or pg's Date at local midnight. */
export function isoDateFromRow(value: unknown): string {
  if (value instanceof Date) {
    return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  }
  return String(value).slice(0, 10);
}

export function isoDateOrNullFromRow(value: unknown): string | null {
  return value === null || value === undefined ? null : isoDateFromRow(value);
}

/** A timestamp column, read as TypeORM reads it: SQLite's "YYYY-MM-DD HH:MM:SS[.SSS]" text is UTC. */
export function instantFromRow(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
}

export function instantOrNullFromRow(value: unknown): Date | null {
  return value === null || value === undefined ? null : instantFromRow(value);
}

/** SQLite keeps booleans as 0 and 1. */
export function booleanFromRow(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}
