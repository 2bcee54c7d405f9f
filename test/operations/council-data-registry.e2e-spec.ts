import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource, type Table } from 'typeorm';
import { dataSourceOptions } from '#database';
import { COUNCIL_TABLES, DEPLOYMENT_TABLES } from '#tracking';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Export, deletion and import of a council cover the tables COUNCIL_TABLES lists. This reads the
 * schema every migration builds (on SQLite, or PostgreSQL when the suite runs there) and fails when
 * a table is in neither that list nor DEPLOYMENT_TABLES, so a new table of council data cannot be
 * left out of a council's export or survive its deletion unnoticed.
 */
describe('the council data registry', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let tables: Table[];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(database.url, []));
    await dataSource.initialize();
    await dataSource.runMigrations();
    const names = dataSource.options.type === 'postgres'
      ? (await dataSource.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)) as { name: string }[]
      : (await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)) as { name: string }[];
    const runner = dataSource.createQueryRunner();
    tables = await runner.getTables(names.map((row) => row.name));
    await runner.release();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const registered = new Set(COUNCIL_TABLES.map((entry) => entry.table));

  it('names every table of the schema, as a council table or a deployment table, never both', () => {
    const unclassified = tables.map((table) => table.name).filter((name) => !registered.has(name) && !(name in DEPLOYMENT_TABLES));
    expect(unclassified, 'add each to COUNCIL_TABLES (libs/tracking/src/council-data/council-data.registry.ts), or to DEPLOYMENT_TABLES with the reason it is no council\'s').toEqual([]);
    expect(COUNCIL_TABLES.map((entry) => entry.table).filter((name) => name in DEPLOYMENT_TABLES)).toEqual([]);
    const existing = new Set(tables.map((table) => table.name));
    expect([...registered].filter((name) => !existing.has(name))).toEqual([]);
  });

  it('declares every foreign key between council tables, so an import re-numbers it', () => {
    const undeclared = tables
      .filter((table) => registered.has(table.name))
      .flatMap((table) =>
        table.foreignKeys
          .filter((key) => registered.has(key.referencedTableName))
          .filter((key) => COUNCIL_TABLES.find((entry) => entry.table === table.name)!.references?.[key.columnNames[0]] !== key.referencedTableName)
          .map((key) => `${table.name}.${key.columnNames[0]} → ${key.referencedTableName}`),
      );
    expect(undeclared).toEqual([]);
  });

  it('lists every table after the tables it references, the order an import inserts them in', () => {
    const late = COUNCIL_TABLES.flatMap((entry, index) =>
      Object.entries(entry.references ?? {})
        .filter(([, table]) => COUNCIL_TABLES.findIndex((other) => other.table === table) >= index)
        .map(([column, table]) => `${entry.table}.${column} → ${table}`),
    );
    expect(late).toEqual([]);
  });

  it("keeps a council's rows out of deployment tables: no council column, and no reference but to an account, which takes them with it or lets go", () => {
    const leaking = tables
      .filter((table) => table.name in DEPLOYMENT_TABLES)
      .flatMap((table) => [
        ...table.columns.filter((column) => column.name === 'authority_code').map(() => `${table.name}.authority_code`),
        ...table.foreignKeys
          .filter((key) => registered.has(key.referencedTableName) && !(key.referencedTableName === 'users' && ['CASCADE', 'SET NULL'].includes(key.onDelete ?? '')))
          .map((key) => `${table.name}.${key.columnNames[0]} → ${key.referencedTableName}`),
      ]);
    expect(leaking).toEqual([]);
  });
});
