import type BetterSqlite3 from 'better-sqlite3';
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
  const { text, values } = bindForSqlite(runner, sql, parameters);
  // A read outside a transaction sees only what is committed (committed-reads.ts), as with runSql.
  const reader = READ_ONLY.test(sql) ? readerFor(runner) : undefined;
  return reader ? ((await reader.query(text, values)) as T[]) : runner.query(text, values);
}

/**
 * A read's rows as arrays of their values, in the order the statement selects them, for the
 * busiest list reads. better-sqlite3 builds each row object by interning every column name again
 * and adding the properties one by one; past a dozen columns V8 keeps such an object as a slow
 * dictionary, and making and reading those cost more than the statement itself. An array per row
 * costs a fraction. Like runSql, a read outside a transaction goes to the committed reader
 * (committed-reads.ts); every value is bound, so the statement is prepared once per connection.
 * On PostgreSQL the rows are read as usual and each object's values taken in column order, so the
 * statement must give every column a distinct name.
 */
export async function readArrays(runner: DataSource | EntityManager, sql: string, parameters: ObjectLiteral = {}): Promise<unknown[][]> {
  if (dataSourceOf(runner).options.type === 'postgres') return (await runSql<Record<string, unknown>>(runner, sql, parameters)).map((row) => Object.values(row));
  const { text, values } = bindForSqlite(runner, sql, parameters);
  const connection = await sqliteConnectionFor(runner);
  return arrayStatement(connection, text).all(...values) as unknown[][];
}

/** `:name` and `:...list` as `?`, every value bound: the statement text does not change with the values. */
function bindForSqlite(runner: DataSource | EntityManager, sql: string, parameters: ObjectLiteral): { text: string; values: unknown[] } {
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
  return { text, values };
}

/** The connection a read sees committed data on: the transaction's own inside one, else the reader. */
async function sqliteConnectionFor(runner: DataSource | EntityManager): Promise<BetterSqlite3.Database> {
  const inTransaction = 'dataSource' in runner ? runner.queryRunner : undefined;
  const queryRunner = inTransaction ?? readerFor(runner);
  if (queryRunner) return (await queryRunner.connect()) as BetterSqlite3.Database;
  // An in-memory database has the one connection.
  return (dataSourceOf(runner).driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

/** Statements prepared in array mode, per connection; the most recently used are kept. */
const arrayStatements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
const ARRAY_STATEMENTS_KEPT = 200;

function arrayStatement(connection: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let kept = arrayStatements.get(connection);
  if (!kept) arrayStatements.set(connection, (kept = new Map()));
  let statement = kept.get(text);
  if (statement) kept.delete(text);
  else statement = connection.prepare(text).raw(true);
  kept.set(text, statement);
  if (kept.size > ARRAY_STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
  return statement;
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
  const parts = SQLITE_INSTANT.exec(text);
  if (!parts) return new Date(text);
  // The fields straight into Date.UTC: a list reads several instants a row, and parsing the text
  // as a date string cost more than the rest of the row. Where the fields do not come back as
  // written (a 30 February, an hour 24, a year before 100), the text parser decides, as before.
  const [, year, month, day, hour, minute, second, fraction] = parts;
  const instant = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0));
  const exact =
    instant.getUTCFullYear() === Number(year) &&
    instant.getUTCMonth() === Number(month) - 1 &&
    instant.getUTCDate() === Number(day) &&
    instant.getUTCHours() === Number(hour) &&
    instant.getUTCMinutes() === Number(minute) &&
    instant.getUTCSeconds() === Number(second);
  return exact ? instant : new Date(`${text.replace(' ', 'T')}Z`);
}

const SQLITE_INSTANT = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?$/;

/**
 * A timestamp column as the ISO text `instantFromRow(value).toISOString()` gives, for answers that
 * carry the instant as text. SQLite's own "YYYY-MM-DD HH:MM:SS[.SSS]" UTC text, when its fields are
 * a real instant, is rewritten as it stands: a list has several instants a row, and making a Date
 * of each only to print it again cost more than the rest of the row. Anything else goes through the Date.
 */
export function isoInstantFromRow(value: unknown): string {
  if (typeof value === 'string' && SQLITE_INSTANT_FAST.test(value) && isRealInstant(value)) {
    const fraction = value.length === 19 ? '.000' : `.${value.slice(20, 23).padEnd(3, '0')}`;
    return `${value.slice(0, 10)}T${value.slice(11, 19)}${fraction}Z`;
  }
  return instantFromRow(value).toISOString();
}

export function isoInstantOrNullFromRow(value: unknown): string | null {
  return value === null || value === undefined ? null : isoInstantFromRow(value);
}

/** Years from 1000, so Date.UTC's two-digit years and toISOString's six-digit ones never arise here. */
const SQLITE_INSTANT_FAST = /^[1-9]\d{3}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?$/;

function isRealInstant(text: string): boolean {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days && digits(text, 11, 2) < 24 && digits(text, 14, 2) < 60 && digits(text, 17, 2) < 60;
}

/** The number the ASCII digits at text[from, from + count) write (the caller has checked they are digits). */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

export function instantOrNullFromRow(value: unknown): Date | null {
  return value === null || value === undefined ? null : instantFromRow(value);
}

/** SQLite keeps booleans as 0 and 1. */
export function booleanFromRow(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}
