import type { DataSourceOptions } from 'typeorm';
import { Action } from './entities/action.entity.js';
import { ActionUpdate } from './entities/action-update.entity.js';
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
import { Accounts1764800000000 } from './migrations/1764800000000-accounts.js';
// The entities only, not #access: its services import this library, and the index would make that a cycle.
import { ACCESS_ENTITIES } from '../../access/src/entities/index.js';
import { REMINDER_ENTITIES } from '../../reminders/src/entities/index.js';

export const ENTITIES = [Authority, Report, Recommendation, Action, Team, ActionUpdate, PendingUpload, ...ACCESS_ENTITIES, ...REMINDER_ENTITIES];
export const MIGRATIONS = [InitialSchema1763800000000, AccessControl1763900000000, Reminders1764000000000, AuthorityRevisions1764100000000, PendingUploads1764300000000, Accounts1764800000000];

/**
 * One DATABASE_URL selects the driver: `sqlite:<file>` and `sqlite::memory:` use better-sqlite3
 * (embedded, nothing to run), `postgres://` uses pg. The schema only ever comes from migrations.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsTransactionMode: 'each' as const };
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
    };
  }
  return { ...common, type: 'postgres', url: databaseUrl, extra: { max: 10 } };
}
