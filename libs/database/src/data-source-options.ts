import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { Action } from './entities/action.entity.js';
import { ActionUpdate } from './entities/action-update.entity.js';
import { ActionChallenge } from './entities/action-challenge.entity.js';
import { ActionDateRequest } from './entities/action-date-request.entity.js';
import { ActionMilestone } from './entities/action-milestone.entity.js';
import { EvidenceFile } from './entities/evidence-file.entity.js';
import { Authority } from './entities/authority.entity.js';
import { Recommendation } from './entities/recommendation.entity.js';
import { Report } from './entities/report.entity.js';
import { PendingUpload } from './entities/pending-upload.entity.js';
import { Team } from './entities/team.entity.js';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema.js';
import { AccessControl1763900000000 } from './migrations/1763900000000-access-control.js';
import { Reminders1764000000000 } from './migrations/1764000000000-reminders.js';
import { AuthorityRevisions1764100000000 } from './migrations/1764100000000-authority-revisions.js';
import { PendingUploads1764300000000 } from './migrations/1764300000000-pending-uploads.js';
import { ReportDrafts1764400000000 } from './migrations/1764400000000-report-drafts.js';
import { ReminderSendMarks1764700000001 } from './migrations/1764700000001-reminder-send-marks.js';
import { JournalRetention1764600000001 } from './migrations/1764600000001-journal-retention.js';
import { ReminderPreferences1764700000002 } from './migrations/1764700000002-reminder-preferences.js';
import { Accounts1764800000000 } from './migrations/1764800000000-accounts.js';
import { TeamWorkSeen1764800000001 } from './migrations/1764800000001-team-work-seen.js';
import { OfstedPlanDeadlines1765000000001 } from './migrations/1765000000001-ofsted-plan-deadlines.js';
import { Governance1764900000001 } from './migrations/1764900000001-governance.js';
import { BoardRecords1765000000002 } from './migrations/1765000000002-board-records.js';
import { NoListCacheTriggers1765100000001 } from './migrations/1765100000001-no-list-cache-triggers.js';
import { ReportsUniquePerAuthority1766100000001 } from './migrations/1766100000001-reports-unique-per-authority.js';
import { EvidenceRetention1766600000001 } from './migrations/1766600000001-evidence-retention.js';
import { SendMarkClaims1767000000001 } from './migrations/1767000000001-send-mark-claims.js';
import { ActionSummaryIndex1767200000001 } from './migrations/1767200000001-action-summary-index.js';

/**
 * The tracked data's own entities. Every other library registers its entities itself (its Nest
 * module's TypeOrmModule.forFeature; the connection loads them all), so no library imports another's.
 */
export const DATABASE_ENTITIES = [Authority, Report, Recommendation, Action, Team, ActionUpdate, PendingUpload, ActionChallenge, ActionDateRequest, ActionMilestone, EvidenceFile];

/** Every migration of every library's tables, in one order for SQLite and PostgreSQL alike. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  AccessControl1763900000000,
  Reminders1764000000000,
  AuthorityRevisions1764100000000,
  PendingUploads1764300000000,
  ReportDrafts1764400000000,
  JournalRetention1764600000001,
  Accounts1764800000000,
  TeamWorkSeen1764800000001,
  ReminderSendMarks1764700000001,
  ReminderPreferences1764700000002,
  Governance1764900000001,
  OfstedPlanDeadlines1765000000001,
  BoardRecords1765000000002,
  NoListCacheTriggers1765100000001,
  ReportsUniquePerAuthority1766100000001,
  EvidenceRetention1766600000001,
  SendMarkClaims1767000000001,
  ActionSummaryIndex1767200000001,
];

/** Statements kept prepared per connection: the SQL of the busiest paths plus room for the rest. */
const PREPARED_STATEMENTS = 500;

/**
 * TypeORM keeps prepared statements per query runner, and every query outside a transaction gets
 * a new runner: each such query was prepared again, which for a digest's reads cost more than
 * running them. The connection now keeps them, the most recently used `PREPARED_STATEMENTS`.
 * better-sqlite3 runs each statement to completion synchronously, so one statement object can
 * serve every caller; SQLite prepares a statement again by itself after a schema change.
 */
function keepStatementsPrepared(connection: { prepare: (sql: string) => unknown }): void {
  const prepare = connection.prepare.bind(connection);
  const prepared = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = prepared.get(sql);
    if (statement) {
      // Most recently used last: the first entry is the one to let go.
      prepared.delete(sql);
    } else {
      statement = prepare(sql);
    }
    prepared.set(sql, statement);
    if (prepared.size > PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value!);
    return statement;
  };
}

/**
 * One DATABASE_URL selects the driver: `sqlite:<file>` and `sqlite::memory:` use better-sqlite3
 * (embedded, nothing to run), `postgres://` uses pg. The schema only ever comes from migrations.
 * `entities` are those a connection made outside Nest works with (tools, benchmarks, tests).
 */
export function dataSourceOptions(databaseUrl: string, entities: MixedList<Function | string | EntitySchema> = DATABASE_ENTITIES): DataSourceOptions {
  const common = { entities, migrations: MIGRATIONS, synchronize: false, migrationsTransactionMode: 'each' as const };
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    const inMemory = file === ':memory:';
    return {
      ...common,
      type: 'better-sqlite3',
      database: inMemory ? ':memory:' : file,
      // WAL lets the worker read while the API writes; the busy timeout makes writers queue, not fail.
      enableWAL: !inMemory,
      timeout: 10_000,
      prepareDatabase: keepStatementsPrepared,
    };
  }
  return { ...common, type: 'postgres', url: databaseUrl, extra: { max: 10 } };
}
