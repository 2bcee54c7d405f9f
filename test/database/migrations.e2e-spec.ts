import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ENTITIES } from '#database';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(database.url));
    await dataSource.initialize();
  });

  async function tablesPresent(): Promise<boolean[]> {
    const queryRunner = dataSource.createQueryRunner();
    try {
      // One query runner is one connection: its queries go one after another.
      const present: boolean[] = [];
      for (const entity of ENTITIES) present.push(await queryRunner.hasTable(dataSource.getMetadata(entity).tableName));
      return present;
    } finally {
      await queryRunner.release();
    }
  }

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('build a schema that matches every entity, and run once', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(await dataSource.runMigrations()).toHaveLength(0);
    // The entities must need no further change: schema only ever comes from migrations.
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    expect(await tablesPresent()).toEqual(ENTITIES.map(() => true));
  });

  it('can be undone completely', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    expect(await tablesPresent()).toEqual(ENTITIES.map(() => false));
    expect(await dataSource.runMigrations()).toHaveLength(dataSource.migrations.length);
  });
});
