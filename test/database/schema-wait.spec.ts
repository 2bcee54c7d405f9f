import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaNotReadyError, waitForSchema } from '#database';

class CreateNotes1700000000000 implements MigrationInterface {
  name = 'CreateNotes1700000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE notes (id INTEGER PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notes');
  }
}

describe('waiting for another process to migrate', () => {
  let dataSource: DataSource | undefined;
  const open = async () => (dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:', migrations: [CreateNotes1700000000000] }).initialize());

  afterEach(async () => {
    await dataSource?.destroy();
  });

  it('gives up after the polls the timeout holds, naming what is pending', async () => {
    const db = await open();
    const logged: unknown[] = [];
    const waited = waitForSchema(db, { timeoutMs: 3, pollMs: 1, logger: { log: (entry: unknown) => logged.push(entry) } });
    await expect(waited).rejects.toThrow(SchemaNotReadyError);
    await expect(waited).rejects.toThrow(/1 migration pending: CreateNotes1700000000000/);
    expect(logged).toEqual([{ message: 'Waiting for the database schema to be migrated by another process', pending: ['CreateNotes1700000000000'] }]);
  });

  it('returns as soon as the schema is current', async () => {
    const db = await open();
    await db.runMigrations();
    await expect(waitForSchema(db, { timeoutMs: 0, pollMs: 1, logger: { log: () => undefined } })).resolves.toBeUndefined();
  });
});
