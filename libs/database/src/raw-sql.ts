import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Hand-written SQL for the hot paths, where hydrating entities costs several times the query.
 * `:name` and `:...list` parameters become the driver's own placeholders, so one statement text
 * serves SQLite and PostgreSQL alike.
 */
export function runSql<T = Record<string, unknown>>(runner: DataSource | EntityManager, sql: string, parameters: ObjectLiteral = {}): Promise<T[]> {
  const [query, values] = dataSourceOf(runner).driver.escapeQueryWithParameters(sql, parameters);
  return runner.query(query, values);
}

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
