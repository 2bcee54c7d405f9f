import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { AuthorityRevisions1764100000000 } from './1764100000000-authority-revisions.js';

const TABLES = ['actions', 'teams', 'reports', 'recommendations'] as const;
const OPERATIONS = ['insert', 'update', 'delete'] as const;

/**
 * Action lists are served from indexed queries, not from a cache keyed by the authority's data
 * revision, so `authorities.data_revision` and the triggers that kept it (see
 * AuthorityRevisions1764100000000) go: no writer has to take an authority's revision row, and no
 * migration has to put triggers back after SQLite rebuilds a table.
 *
 * Timestamped after every migration that touches those triggers (Governance1764900000001 restores
 * them on SQLite), so it runs after them on a new database.
 */
export class NoListCacheTriggers1765100000001 implements MigrationInterface {
  name = 'NoListCacheTriggers1765100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      for (const table of TABLES) await queryRunner.query(`DROP TRIGGER IF EXISTS trg_${table}_revision ON ${table}`);
      await queryRunner.query('DROP FUNCTION IF EXISTS bump_authority_revision()');
      await queryRunner.query('DROP FUNCTION IF EXISTS bump_report_authority_revision()');
    } else {
      for (const table of TABLES) for (const operation of OPERATIONS) await queryRunner.query(`DROP TRIGGER IF EXISTS trg_${table}_revision_${operation}`);
    }
    await queryRunner.dropColumn('authorities', 'data_revision');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('authorities', new TableColumn({ name: 'data_revision', type: 'integer', isNullable: false, default: 0 }));
    const revisions = new AuthorityRevisions1764100000000();
    if (queryRunner.connection.driver.options.type === 'postgres') await revisions['createPostgresTriggers'](queryRunner);
    else await revisions['createSqliteTriggers'](queryRunner);
  }
}
