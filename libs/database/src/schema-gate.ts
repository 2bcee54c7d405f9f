import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, MigrationExecutor } from 'typeorm';
import { AppConfig } from '#config';

/**
 * What a process does about the schema when it opens the database:
 * - `migrate`: apply pending migrations unless MIGRATIONS_RUN=false, else wait (the API, most commands);
 * - `always`: apply them whatever MIGRATIONS_RUN says (`improvement-tracker migrate`, the operator's own step);
 * - `wait`: never change the schema, wait until another process has made it current (the worker).
 * A private in-memory SQLite database has nobody else to wait for: it is always migrated.
 */
export type SchemaRole = 'migrate' | 'always' | 'wait';
export const SCHEMA_ROLE = Symbol('SCHEMA_ROLE');

/** One advisory lock per PostgreSQL database, taken by whichever process migrates. */
const MIGRATION_LOCK = 'improvement-tracker:migrations';

export class SchemaNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaNotReadyError';
  }
}

/**
 * Applies pending migrations. On PostgreSQL it first takes a session advisory lock, so however many
 * processes start at once, one migrates while the others wait for it and then find nothing to do.
 * Answers the names of the migrations this process applied.
 */
export async function migrateUnderLock(dataSource: DataSource, logger: Pick<Logger, 'log'> = new Logger('Schema')): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  // The lock belongs to this connection's session: it is released when the work is done, or by
  // PostgreSQL itself if the process dies holding it.
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    const [{ locked }] = (await lockHolder.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [MIGRATION_LOCK])) as { locked: boolean }[];
    if (!locked) {
      logger.log({ message: 'Another process is migrating the database; waiting for it' });
      await lockHolder.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    }
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]);
    }
  } finally {
    await lockHolder.release();
  }
}

/** Names of the migrations this code has that the database has not applied yet (none when it is current). */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  return (await new MigrationExecutor(dataSource).getPendingMigrations()).map((migration) => migration.name);
}

/**
 * Waits until the schema is current, polling; throws after `timeoutMs` naming what is missing and
 * how to apply it. Never changes the schema. The wait is counted in polls rather than read from a
 * clock: it is a span of waiting, not a time of day, and a test's fixed clock would never let it end.
 */
export async function waitForSchema(
  dataSource: DataSource,
  options: { timeoutMs: number; pollMs?: number; logger?: Pick<Logger, 'log'> },
): Promise<void> {
  const { timeoutMs, pollMs = 1000, logger = new Logger('Schema') } = options;
  const polls = Math.max(1, Math.ceil(timeoutMs / pollMs));
  let reported = false;
  for (let poll = 0; ; poll += 1) {
    const pending = await pendingMigrations(dataSource);
    if (pending.length === 0) {
      if (reported) logger.log({ message: 'The database schema is current' });
      return;
    }
    if (poll >= polls) {
      throw new SchemaNotReadyError(
        `The database schema is not current after ${Math.round(timeoutMs / 1000)} s (${pending.length} migration${pending.length === 1 ? '' : 's'} pending: ${pending.join(', ')}). ` +
          'Run `improvement-tracker migrate`, or start the API with MIGRATIONS_RUN=true (the default).',
      );
    }
    if (!reported) logger.log({ message: 'Waiting for the database schema to be migrated by another process', pending });
    reported = true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Runs before any other module's start-up hook (global modules start first), so nothing reads an old schema. */
@Injectable()
export class SchemaGate implements OnModuleInit {
  private readonly logger = new Logger('Schema');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Optional() @Inject(SCHEMA_ROLE) private readonly role: SchemaRole = 'migrate',
  ) {}

  async onModuleInit(): Promise<void> {
    const inMemory = this.dataSource.options.type === 'better-sqlite3' && this.dataSource.options.database === ':memory:';
    const migrates = inMemory || this.role === 'always' || (this.role === 'migrate' && this.config.MIGRATIONS_RUN);
    if (!migrates) return waitForSchema(this.dataSource, { timeoutMs: this.config.SCHEMA_WAIT_SECONDS * 1000, logger: this.logger });
    const applied = await migrateUnderLock(this.dataSource, this.logger);
    if (applied.length > 0 && !inMemory) this.logger.log({ message: 'Migrations applied', migrations: applied });
  }
}
