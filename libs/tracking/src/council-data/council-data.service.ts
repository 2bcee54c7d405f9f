import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, TableColumn } from 'typeorm';
import { AppConfig } from '#config';
import { booleanFromRow, instantOrNullFromRow, isoDateOrNullFromRow, runSql } from '#database';
import { Clock } from '#core';
import { TrackingErrorCode, TrackingException } from '../tracking.exception.js';
import { readCouncilArchive, writeCouncilArchive, type CouncilManifest, type ExportedRow, type ExportedValue } from './council-archive.js';
import { COUNCIL_TABLES, councilTable, type CouncilTable } from './council-data.registry.js';

export interface CouncilDataCount {
  table: string;
  noun: string;
  rows: number;
}

export interface CouncilDataSummary {
  authority: { code: string; name: string };
  /** Every registered table, with how many of its rows a deletion removes. */
  counts: CouncilDataCount[];
  total: number;
}

export interface CouncilExport {
  fileName: string;
  archive: Buffer;
  manifest: CouncilManifest;
}

export interface CouncilImport {
  authority: { code: string; name: string };
  imported: { table: string; rows: number }[];
  /** Accounts that already existed here (matched by email) and were linked rather than created. */
  matchedAccounts: number;
}

type ColumnKind = 'instant' | 'date' | 'boolean' | 'binary' | 'other';

interface ColumnShape {
  kind: ColumnKind;
  nullable: boolean;
}

type TableShape = Map<string, ColumnShape>;

/**
 * A council's data out (a zip of JSON and CSV with a manifest), deleted, and back in, for every table
 * COUNCIL_TABLES registers. Each runs in one transaction: nothing is half deleted or half imported.
 */
@Injectable()
export class CouncilDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** What a deletion of the council would remove, table by table: the confirmation page lists it. */
  async summary(code: string): Promise<CouncilDataSummary> {
    const authority = await this.authority(code);
    const counts = await Promise.all(
      COUNCIL_TABLES.map(async (entry) => {
        const [row] = await runSql<{ n: number | string }>(this.dataSource, `SELECT COUNT(*) AS n FROM ${quote(entry.table)} WHERE ${entry.deletedRows ?? entry.rows}`, { council: code });
        return { table: entry.table, noun: entry.noun, rows: Number(row.n) };
      }),
    );
    return { authority, counts, total: counts.reduce((sum, count) => sum + count.rows, 0) };
  }

  async exportCouncil(code: string): Promise<CouncilExport> {
    const authority = await this.authority(code);
    const exportedAt = this.clock.now();
    const rows = new Map<string, ExportedRow[]>();
    const exported = COUNCIL_TABLES.filter((table) => !table.transient);
    const shapes = await this.shapesOf(exported.map((entry) => entry.table));
    // One read transaction, so the tables agree with each other while the service keeps writing.
    const snapshot = this.dataSource.options.type === 'postgres' ? 'REPEATABLE READ' : 'SERIALIZABLE';
    await this.dataSource.transaction(snapshot, async (manager) => {
      for (const entry of exported) {
        const order = entry.generatedId === false ? Object.keys(entry.references ?? {})[0] : 'id';
        const found = await runSql<Record<string, unknown>>(manager, `SELECT * FROM ${quote(entry.table)} WHERE ${entry.rows} ORDER BY ${quote(order)}`, { council: code });
        rows.set(entry.table, found.map((row) => exportedRow(row, shapes.get(entry.table)!, entry.omitted ?? [])));
      }
    });
    for (const entry of exported.filter((table) => table.fileStore)) rows.set(entry.table, await Promise.all(rows.get(entry.table)!.map((row) => this.withStoredBytes(entry, row))));
    const manifest: CouncilManifest = {
      format: 'improvement-tracker council data',
      version: 1,
      authority,
      exportedAt: exportedAt.toISOString(),
      schema: await this.schemaVersion(),
      tables: [],
    };
    const written = await writeCouncilArchive({ manifest, rows });
    return { fileName: `council-${authority.code}-${exportedAt.toISOString().slice(0, 10)}.zip`, archive: written.archive, manifest: written.manifest };
  }

  /** Removes every registered row of the council; the council stays in the authority directory, with nothing. */
  async deleteCouncil(code: string): Promise<CouncilDataSummary> {
    const before = await this.summary(code);
    const order = [...COUNCIL_TABLES.filter((entry) => entry.deletedFirst), ...[...COUNCIL_TABLES].reverse().filter((entry) => !entry.deletedFirst)];
    const storedFiles: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      for (const entry of order) {
        if (entry.fileStore) {
          const { storageColumn, keyColumn, inDirectory } = entry.fileStore;
          const keys = await runSql<{ key: string }>(manager, `SELECT ${quote(keyColumn)} AS key FROM ${quote(entry.table)} WHERE (${entry.deletedRows ?? entry.rows}) AND ${quote(storageColumn)} = :inDirectory`, { council: code, inDirectory });
          storedFiles.push(...keys.map((row) => row.key).filter(Boolean));
        }
        await runSql(manager, `DELETE FROM ${quote(entry.table)} WHERE ${entry.deletedRows ?? entry.rows}`, { council: code });
      }
    });
    // After the commit: a failed deletion keeps its files. A file left behind by a crash here is unreferenced, never exposed.
    const directory = this.config.EVIDENCE_DIR ? resolve(this.config.EVIDENCE_DIR) : null;
    if (directory) await Promise.all(storedFiles.map((key) => rm(join(directory, key), { force: true })));
    return before;
  }

  /**
   * Puts an export back: into this deployment after a deletion, or into another one. Rows are
   * numbered afresh and every reference follows; people are matched by email. Refused when the
   * council already has data here, or the export comes from a newer schema.
   */
  async importCouncil(file: Buffer): Promise<CouncilImport> {
    const { manifest, rows } = await readCouncilArchive(file);
    const authority = await this.authority(manifest.authority.code, 'import');
    const existing = await this.summary(authority.code);
    const present = existing.counts.filter((count) => count.rows > 0 && count.table !== 'users');
    if (present.length > 0) {
      throw new TrackingException(
        TrackingErrorCode.CONFLICT,
        `${authority.name} already has data here (${present.map((count) => `${count.rows} ${count.noun}`).join(', ')}): delete it first, or import into another deployment`,
      );
    }
    await this.checkSchema(manifest);
    for (const table of rows.keys()) {
      const entry = councilTable(table);
      if (!entry || entry.transient) throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `The export holds a table this service does not import: ${table}`);
    }

    const shapes = await this.shapesOf([...rows.keys()]);
    const ids = new Map<string, Map<number, number>>();
    const idOf = (table: string, id: number) => ids.get(table)?.get(id) ?? null;
    const imported: { table: string; rows: number }[] = [];
    let matchedAccounts = 0;
    await this.dataSource.transaction(async (manager) => {
      for (const entry of COUNCIL_TABLES) {
        const tableRows = rows.get(entry.table);
        if (!tableRows) continue;
        const columns = shapes.get(entry.table)!;
        const numbering = new Map<number, number>();
        ids.set(entry.table, numbering);
        for (const exported of tableRows) {
          const unknown = Object.keys(exported).filter((column) => !columns.has(column));
          if (unknown.length > 0) {
            throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `${entry.table} in the export has columns this deployment does not: ${unknown.join(', ')}; upgrade it first`);
          }
          const oldId = Number(exported.id);
          if (entry.matchOn) {
            const [match] = await runSql<{ id: number }>(manager, `SELECT id FROM ${quote(entry.table)} WHERE ${quote(entry.matchOn)} = :value`, { value: exported[entry.matchOn] });
            if (match) {
              numbering.set(oldId, Number(match.id));
              matchedAccounts += 1;
              continue;
            }
          }
          const row = renumbered(entry, exported, columns, idOf);
          const newId = await insertRow(manager, entry, row, columns);
          if (newId !== null) numbering.set(oldId, newId);
        }
        imported.push({ table: entry.table, rows: tableRows.length });
      }
    });
    return { authority, imported, matchedAccounts };
  }

  /** A row whose bytes are in the file store, with them put in its content as if kept in the database. */
  private async withStoredBytes(entry: CouncilTable, row: ExportedRow): Promise<ExportedRow> {
    const { storageColumn, keyColumn, contentColumn, inDirectory } = entry.fileStore!;
    if (row[storageColumn] !== inDirectory || typeof row[keyColumn] !== 'string') return row;
    if (!this.config.EVIDENCE_DIR) throw new Error(`${entry.table} ${String(row.id)} is kept in EVIDENCE_DIR, which is not set`);
    const bytes = await readFile(join(resolve(this.config.EVIDENCE_DIR), row[keyColumn] as string));
    return { ...row, [storageColumn]: 'database', [keyColumn]: null, [contentColumn]: bytes.toString('base64') };
  }

  private async authority(code: string, purpose: 'export' | 'import' = 'export'): Promise<{ code: string; name: string }> {
    const [row] = await runSql<{ code: string; name: string }>(this.dataSource, 'SELECT code, name FROM authorities WHERE code = :code', { code });
    if (!row) {
      throw new TrackingException(
        TrackingErrorCode.UNKNOWN_AUTHORITY,
        purpose === 'import'
          ? `The export is of council ${code}, which is not in this deployment's authority directory: load it first (improvement-tracker seed)`
          : `No council has the code ${code}`,
      );
    }
    return { code: row.code, name: row.name };
  }

  private async schemaVersion(): Promise<string | null> {
    const rows = await runSql<{ name: string }>(this.dataSource, `SELECT name FROM ${quote(this.migrationsTable())} ORDER BY timestamp DESC, id DESC`);
    return rows[0]?.name ?? null;
  }

  private async checkSchema(manifest: CouncilManifest): Promise<void> {
    if (manifest.schema === null) return;
    const applied = await runSql<{ name: string }>(this.dataSource, `SELECT name FROM ${quote(this.migrationsTable())} WHERE name = :name`, { name: manifest.schema });
    if (applied.length === 0) {
      throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `The export comes from a newer version of the service (schema ${manifest.schema}): upgrade this deployment first`);
    }
  }

  private migrationsTable(): string {
    return this.dataSource.options.migrationsTableName ?? 'migrations';
  }

  /** The schema as the database has it, not as entities describe it: a table needs no entity to be exported. */
  private async shapesOf(tables: string[]): Promise<Map<string, TableShape>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const found = await runner.getTables(tables);
      const shapes = new Map(found.map((table) => [table.name, new Map(table.columns.map((column) => [column.name, { kind: kindOf(column), nullable: column.isNullable }]))]));
      const missing = tables.filter((table) => !shapes.has(table));
      if (missing.length > 0) throw new Error(`The council data registry names tables the database does not have: ${missing.join(', ')}`);
      return shapes;
    } finally {
      await runner.release();
    }
  }
}

function kindOf(column: TableColumn): ColumnKind {
  const type = column.type.toLowerCase();
  if (type === 'date') return 'date';
  if (type.includes('timestamp') || type === 'datetime') return 'instant';
  if (type === 'boolean') return 'boolean';
  if (type === 'blob' || type === 'bytea') return 'binary';
  return 'other';
}

/** A row as the drivers give it, in one form for both: ISO instants and dates, true and false. */
function exportedRow(row: Record<string, unknown>, shape: TableShape, omitted: readonly string[]): ExportedRow {
  const result: ExportedRow = {};
  for (const [column, value] of Object.entries(row)) {
    if (omitted.includes(column)) continue;
    result[column] = exportedValue(value, shape.get(column)?.kind ?? 'other');
  }
  return result;
}

function exportedValue(value: unknown, kind: ColumnKind): ExportedValue {
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
function renumbered(entry: CouncilTable, exported: ExportedRow, shape: TableShape, idOf: (table: string, id: number) => number | null): ExportedRow {
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

async function insertRow(manager: EntityManager, entry: CouncilTable, row: ExportedRow, shape: TableShape): Promise<number | null> {
  const postgres = manager.connection.options.type === 'postgres';
  const names = Object.keys(row);
  const parameters: Record<string, unknown> = {};
  names.forEach((name, index) => {
    parameters[`v${index}`] = storedValue(row[name], shape.get(name)?.kind ?? 'other', postgres);
  });
  const returning = entry.generatedId === false ? '' : ' RETURNING id';
  const inserted = await runSql<{ id: number }>(
    manager,
    `INSERT INTO ${quote(entry.table)} (${names.map(quote).join(', ')}) VALUES (${names.map((_, index) => `:v${index}`).join(', ')})${returning}`,
    parameters,
  );
  return entry.generatedId === false ? null : Number(inserted[0].id);
}

/** The driver's own form of an exported value: pg takes Date objects and booleans, SQLite TypeORM's UTC text and 0/1. */
function storedValue(value: ExportedValue, kind: ColumnKind, postgres: boolean): unknown {
  if (value === null) return null;
  if (kind === 'instant') {
    const instant = new Date(String(value));
    return postgres ? instant : instant.toISOString().replace('T', ' ').replace('Z', '');
  }
  if (kind === 'boolean') return postgres ? Boolean(value) : value ? 1 : 0;
  if (kind === 'binary') return Buffer.from(String(value), 'base64');
  return value;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
