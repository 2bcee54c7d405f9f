import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { runSql } from '#database';
import type { ExportedRow } from './council-archive.js';
import type { CouncilTable } from './council-data.registry.js';
import { exportOrderColumn, kindOf, storedValue, type TableShape } from './council-rows.js';

/** Inside an import's transaction: finds rows already here and inserts new ones. */
export interface CouncilImportWriter {
  /** The id of the row whose `column` already has this value, or null. */
  match(entry: CouncilTable, column: string, value: unknown): Promise<number | null>;
  /** Inserts the row; answers its new id, or null for a table keyed by references. */
  insert(entry: CouncilTable, row: ExportedRow, shape: TableShape): Promise<number | null>;
}

/**
 * A council's rows in every table COUNCIL_TABLES registers, by the registry's SQL conditions
 * (`:council` is the authority code): counted, read in one snapshot, deleted and inserted.
 * Each deletion and each import is one transaction.
 */
@Injectable()
export class CouncilDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async authority(code: string): Promise<{ code: string; name: string } | null> {
    const [row] = await runSql<{ code: string; name: string }>(this.dataSource, 'SELECT code, name FROM authorities WHERE code = :code', { code });
    return row ? { code: row.code, name: row.name } : null;
  }

  /** How many of the table's rows a deletion of the council removes. */
  async countDeleted(entry: CouncilTable, code: string): Promise<number> {
    const [row] = await runSql<{ n: number | string }>(this.dataSource, `SELECT COUNT(*) AS n FROM ${quote(entry.table)} WHERE ${entry.deletedRows ?? entry.rows}`, { council: code });
    return Number(row.n);
  }

  /** The council's rows of each table as the driver gives them, in one read transaction, so the tables agree with each other while the service keeps writing. */
  async snapshot(entries: readonly CouncilTable[], code: string): Promise<Map<string, Record<string, unknown>[]>> {
    const rows = new Map<string, Record<string, unknown>[]>();
    const isolation = this.dataSource.options.type === 'postgres' ? 'REPEATABLE READ' : 'SERIALIZABLE';
    await this.dataSource.transaction(isolation, async (manager) => {
      for (const entry of entries) {
        rows.set(entry.table, await runSql<Record<string, unknown>>(manager, `SELECT * FROM ${quote(entry.table)} WHERE ${entry.rows} ORDER BY ${quote(exportOrderColumn(entry))}`, { council: code }));
      }
    });
    return rows;
  }

  /** Deletes the council's rows table by table in this order, in one transaction; answers the keys of the files the directory store held for them. */
  async deleteCouncil(order: readonly CouncilTable[], code: string): Promise<string[]> {
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
    return storedFiles;
  }

  /** Runs an import in one transaction: nothing is half imported. */
  importing<T>(work: (writer: CouncilImportWriter) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) =>
      work({
        match: async (entry, column, value) => {
          const [match] = await runSql<{ id: number }>(manager, `SELECT id FROM ${quote(entry.table)} WHERE ${quote(column)} = :value`, { value });
          return match ? Number(match.id) : null;
        },
        insert: (entry, row, shape) => insertRow(manager, entry, row, shape),
      }),
    );
  }

  /** The latest migration applied here: the schema an export is of. */
  async schemaVersion(): Promise<string | null> {
    const rows = await runSql<{ name: string }>(this.dataSource, `SELECT name FROM ${quote(this.migrationsTable())} ORDER BY timestamp DESC, id DESC`);
    return rows[0]?.name ?? null;
  }

  async hasMigration(name: string): Promise<boolean> {
    return (await runSql<{ name: string }>(this.dataSource, `SELECT name FROM ${quote(this.migrationsTable())} WHERE name = :name`, { name })).length > 0;
  }

  /** The schema as the database has it, not as entities describe it: a table needs no entity to be exported. */
  async shapesOf(tables: string[]): Promise<Map<string, TableShape>> {
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

  private migrationsTable(): string {
    return this.dataSource.options.migrationsTableName ?? 'migrations';
  }
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

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
