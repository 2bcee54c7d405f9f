import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseErrorCode, DatabaseException, TRANSACTION_ATTEMPTS, UnitOfWork } from '#database';

/** What pg reports, through TypeORM, for a transaction PostgreSQL aborted to break a deadlock. */
const deadlock = () => Object.assign(new Error('deadlock detected'), { driverError: { code: '40P01' } });

describe('a transaction that loses a race', () => {
  let dataSource: DataSource;
  let unitOfWork: UnitOfWork;

  beforeAll(async () => {
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    await dataSource.query('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    unitOfWork = new UnitOfWork(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('is run again after a deadlock or serialisation failure, its first attempt rolled back', async () => {
    let attempts = 0;
    const result = await unitOfWork.run(async (manager) => {
      attempts += 1;
      await manager.query('INSERT INTO notes (text) VALUES (?)', [`attempt ${attempts}`]);
      if (attempts === 1) throw deadlock();
      if (attempts === 2) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(await dataSource.query('SELECT text FROM notes')).toEqual([{ text: 'attempt 3' }]);
  });

  it('gives up after a bounded number of attempts with BUSY, which the API answers with 503', async () => {
    let attempts = 0;
    const failure = await unitOfWork
      .run(async () => {
        attempts += 1;
        throw deadlock();
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseException);
    expect((failure as DatabaseException).code).toBe(DatabaseErrorCode.BUSY);
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
  });

  it('does not run again after any other failure', async () => {
    let attempts = 0;
    await expect(
      unitOfWork.run(async () => {
        attempts += 1;
        throw new Error('not null constraint failed');
      }),
    ).rejects.toThrow('not null constraint failed');
    expect(attempts).toBe(1);
  });
});
