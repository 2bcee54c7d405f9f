import { booleanFromRow, instantOrNullFromRow, isoDateOrNullFromRow } from '#database';
import { TrackingErrorCode, TrackingException } from '../tracking.exception.js';
import type { ExportedRow, ExportedValue } from './council-archive.js';
import type { CouncilTable } from './council-data.registry.js';

/**
 * How a council's rows are written out and read back in, decided without the database: each
 * column's kind, a row in one form for both drivers, references re-numbered for the importing
 * deployment, and each value in the form its driver takes.
 */

export type ColumnKind = 'instant' | 'date' | 'boolean' | 'binary' | 'other';

export interface ColumnShape {
  kind: ColumnKind;
  nullable: boolean;
}

export type TableShape = Map<string, ColumnShape>;

/** A column's kind from the type the database reports for it (SQLite's and PostgreSQL's names). */
export function kindOf(column: { type: string }): ColumnKind {
  const type = column.type.toLowerCase();
  if (type === 'date') return 'date';
  if (type.includes('timestamp') || type === 'datetime') return 'instant';
  if (type === 'boolean') return 'boolean';
  if (type === 'blob' || type === 'bytea') return 'binary';
  return 'other';
}

/** The tables in deletion order: those deleted first (their rows are found through later tables), then the rest against import order. */
export function deletionOrder(tables: readonly CouncilTable[]): CouncilTable[] {
  return [...tables.filter((entry) => entry.deletedFirst), ...[...tables].reverse().filter((entry) => !entry.deletedFirst)];
}

/** The column a table's rows are exported in order of: its id, or its first reference when it has no id of its own. */
export function exportOrderColumn(entry: CouncilTable): string {
  return entry.generatedId === false ? Object.keys(entry.references ?? {})[0] : 'id';
}

/** A row as the drivers give it, in one form for both: ISO instants and dates, true and false. */
export function exportedRow(row: Record<string, unknown>, shape: TableShape, omitted: readonly string[]): ExportedRow {
  const result: ExportedRow = {};
  for (const [column, value] of Object.entries(row)) {
    if (omitted.includes(column)) continue;
    result[column] = exportedValue(value, shape.get(column)?.kind ?? 'other');
  }
  return result;
}

export function exportedValue(value: unknown, kind: ColumnKind): ExportedValue {
  if (value === null || value === undefined) return null;
  if (kind === 'instant') return instantOrNullFromRow(value)!.toISOString();
  if (kind === 'date') return isoDateOrNullFromRow(value);
  if (kind === 'boolean') return booleanFromRow(value);
  // Bytes (evidence files kept in the database) as base64 text, which JSON and CSV both carry.
  if (kind === 'binary') return Buffer.from(value as Uint8Array).toString('base64');
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** The row with every reference re-numbered for this deployment. */
export function renumbered(entry: CouncilTable, exported: ExportedRow, shape: TableShape, idOf: (table: string, id: number) => number | null): ExportedRow {
  let row: Record<string, unknown> = { ...exported };
  if (entry.generatedId !== false) delete row.id;
  for (const [column, table] of Object.entries(entry.references ?? {})) {
    if (row[column] === null || row[column] === undefined) continue;
    const id = idOf(table, Number(row[column]));
    if (id !== null) row[column] = id;
    // A journal entry by someone the export does not hold (an administrator of the old deployment) keeps their name only.
    else if (shape.get(column)?.nullable) row[column] = null;
    else {
      throw new TrackingException(
        TrackingErrorCode.INVALID_INPUT,
        `The export is inconsistent: a row of ${entry.table} refers to ${table} ${String(row[column])}, which the export does not hold`,
      );
    }
  }
  if (entry.renumberValues) row = entry.renumberValues(row, idOf);
  return row as ExportedRow;
}

/** The driver's own form of an exported value: pg takes Date objects and booleans, SQLite TypeORM's UTC text and 0/1. */
export function storedValue(value: ExportedValue, kind: ColumnKind, postgres: boolean): unknown {
  if (value === null) return null;
  if (kind === 'instant') {
    const instant = new Date(String(value));
    return postgres ? instant : instant.toISOString().replace('T', ' ').replace('Z', '');
  }
  if (kind === 'boolean') return postgres ? Boolean(value) : value ? 1 : 0;
  if (kind === 'binary') return Buffer.from(String(value), 'base64');
  return value;
}

/** A row a file store holds the bytes of, with them put in its content as if kept in the database. */
export function withBytes(entry: CouncilTable, row: ExportedRow, bytes: Buffer): ExportedRow {
  const { storageColumn, keyColumn, contentColumn } = entry.fileStore!;
  return { ...row, [storageColumn]: 'database', [keyColumn]: null, [contentColumn]: bytes.toString('base64') };
}

/** Whether the row's bytes are in the file store rather than the database. */
export function storedInDirectory(entry: CouncilTable, row: ExportedRow): boolean {
  const { storageColumn, keyColumn, inDirectory } = entry.fileStore!;
  return row[storageColumn] === inDirectory && typeof row[keyColumn] === 'string';
}
