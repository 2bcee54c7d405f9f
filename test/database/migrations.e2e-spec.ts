import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataSource, getMetadataArgsStorage } from 'typeorm';
import { ACCESS_ENTITIES } from '#access';
import { DATABASE_ENTITIES, dataSourceOptions, UNMAPPED_COLUMNS } from '#database';
import { REMINDER_ENTITIES } from '#reminders';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { loadConfigFromEnvironment } from '#config';

// Every library's entities: the migrations (all in libs/database) must build each one's tables.
const ENTITIES = [...DATABASE_ENTITIES, ...ACCESS_ENTITIES, ...REMINDER_ENTITIES];

describe('migrations', () => {
  let database: TestDatabase | undefined;
  let dataSource: DataSource;

  /** Each test's own empty database: one builds the schema, the other undoes one it built itself. */
  const emptyDatabase = async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(database.url, ENTITIES));
    await dataSource.initialize();
  };

  beforeAll(() => {
    const driver = loadConfigFromEnvironment().DATABASE_URL.startsWith('postgres') ? 'postgres' : 'sqlite';
    // Columns kept out of the entities on purpose are mapped here, for this driver, so a migration
    // that makes them differently (or not at all) still fails.
    for (const column of UNMAPPED_COLUMNS) {
      getMetadataArgsStorage().columns.push({
        target: column.target,
        propertyName: column.propertyName,
        mode: 'regular',
        options: { name: column.name, type: column.type[driver], nullable: column.nullable, select: false },
      });
    }
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

  afterEach(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
    database = undefined;
  });

  it('build a schema that matches every entity, and run once', async () => {
    await emptyDatabase();
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(await dataSource.runMigrations()).toHaveLength(0);
    // The entities must need no further change: schema only ever comes from migrations.
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    expect(await tablesPresent()).toEqual(ENTITIES.map(() => true));
  });

  it('can be undone completely', async () => {
    await emptyDatabase();
    expect(await dataSource.runMigrations()).toHaveLength(dataSource.migrations.length);
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    expect(await tablesPresent()).toEqual(ENTITIES.map(() => false));
    expect(await dataSource.runMigrations()).toHaveLength(dataSource.migrations.length);
  });
});
