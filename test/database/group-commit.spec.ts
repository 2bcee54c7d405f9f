import { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataSourceOptions, GroupCommit, readSql, UnitOfWork } from '#database';

describe('writes committed together', () => {
  let dataSource: DataSource;
  let unitOfWork: UnitOfWork;
  let transactions = 0;

  beforeAll(async () => {
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    await dataSource.query('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
    unitOfWork = new UnitOfWork(dataSource);
    const run = unitOfWork.run.bind(unitOfWork);
    unitOfWork.run = (work) => {
      transactions += 1;
      return run(work);
    };
  });

  // Each test starts from an empty table and counts only its own transactions.
  beforeEach(async () => {
    await dataSource.query('DELETE FROM notes');
    transactions = 0;
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('commits the writes of one turn of the event loop in one transaction, each caller getting its own result', async () => {
    const writes = new GroupCommit(unitOfWork);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => writes.run(async (manager) => (await manager.query('INSERT INTO notes (text) VALUES (?) RETURNING id', [`note ${index}`]))[0].id as number)),
    );
    expect(transactions).toBe(1);
    expect(new Set(results).size).toBe(10);
    expect(await dataSource.query('SELECT COUNT(*) AS n FROM notes')).toEqual([{ n: 10 }]);
  });

  it('fails only the write that cannot be made: the others are committed on their own', async () => {
    await dataSource.query(`INSERT INTO notes (text) VALUES ('taken')`);
    const writes = new GroupCommit(unitOfWork);
    const outcomes = await Promise.allSettled([
      writes.run((manager) => manager.query('INSERT INTO notes (text) VALUES (?)', ['fine 1'])),
      writes.run((manager) => manager.query('INSERT INTO notes (text) VALUES (?)', ['taken'])),
      writes.run((manager) => manager.query('INSERT INTO notes (text) VALUES (?)', ['fine 2'])),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await dataSource.query(`SELECT text FROM notes WHERE text LIKE 'fine%' ORDER BY text`)).toEqual([{ text: 'fine 1' }, { text: 'fine 2' }]);
  });

  it('never holds more than its batch size in one transaction', async () => {
    const writes = new GroupCommit(unitOfWork, 4);
    await Promise.all(Array.from({ length: 10 }, (_, index) => writes.run((manager) => manager.query('INSERT INTO notes (text) VALUES (?)', [`batch ${index}`]))));
    expect(transactions).toBe(3);
  });
});

describe('reads with bound values, prepared once', () => {
  it('binds numbers, text and lists instead of writing them into the statement, and reads the same rows', async () => {
    const dataSource = await new DataSource({ ...dataSourceOptions('sqlite::memory:', []) }).initialize();
    try {
      await dataSource.query('CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT, flag INTEGER)');
      await dataSource.query(`INSERT INTO things (id, name, flag) VALUES (1, 'one', 1), (2, 'two', 0), (3, 'it''s :three', 1)`);
      const connection = (dataSource.driver as unknown as { databaseConnection: { prepare: (sql: string) => unknown } }).databaseConnection;
      const sql = 'SELECT id, name FROM things WHERE id >= :from AND flag = :flag AND name IN (:...names) ORDER BY id';
      const first = await readSql(dataSource, sql, { from: 1, flag: true, names: ['one', "it's :three"] });
      expect(first).toEqual([{ id: 1, name: 'one' }, { id: 3, name: "it's :three" }]);
      // The same statement serves other values: the connection hands back the one it prepared.
      const statement = connection.prepare('SELECT id, name FROM things WHERE id >= ? AND flag = ? AND name IN (?, ?) ORDER BY id');
      expect(connection.prepare('SELECT id, name FROM things WHERE id >= ? AND flag = ? AND name IN (?, ?) ORDER BY id')).toBe(statement);
      expect(await readSql(dataSource, sql, { from: 2, flag: false, names: ['two', 'one'] })).toEqual([{ id: 2, name: 'two' }]);
    } finally {
      await dataSource.destroy();
    }
  });
});
