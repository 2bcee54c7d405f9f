import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

/**
 * The board's controls: sign-off (a team's "completed" becomes a proposal awaiting the board),
 * challenges that get answered, date change requests, the plan as councils write it (what will be
 * done, success measure, milestones) and evidence files.
 */
export class Governance1764900000001 implements MigrationInterface {
  name = 'Governance1764900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const bytesType = queryRunner.connection.driver.options.type === 'postgres' ? 'bytea' : 'blob';

    // Nobody signed these off: they become proposals in the board's queue, not closed work.
    await queryRunner.query(`UPDATE actions SET status = 'awaiting_sign_off' WHERE status = 'completed'`);
    await queryRunner.addColumns('actions', [
      new TableColumn(c.text('what_will_be_done', true)),
      new TableColumn(c.text('success_measure', true)),
      new TableColumn(c.timestamp('signed_off_at', true)),
      new TableColumn(c.varchar('signed_off_by', 200, true)),
    ]);
    await restoreSqliteRevisionTriggers(queryRunner);

    const actionKey = () => new TableForeignKey({ columnNames: ['action_id'], referencedTableName: 'actions', referencedColumnNames: ['id'], onDelete: 'CASCADE' });

    await queryRunner.createTable(
      new Table({
        name: 'action_challenges',
        columns: [
          c.id(),
          c.integer('action_id'),
          c.varchar('authority_code', 16),
          c.varchar('state', 20),
          c.integer('raised_by_user_id', true),
          c.varchar('raised_by_name', 200),
          c.text('question'),
          c.text('response', true),
          c.varchar('responded_by_name', 200, true),
          c.timestamp('responded_at', true),
          c.varchar('closed_by_name', 200, true),
          c.timestamp('closed_at', true),
          c.integer('rounds'),
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_action_challenges_action', columnNames: ['action_id'] }),
          new TableIndex({ name: 'idx_action_challenges_authority_state', columnNames: ['authority_code', 'state'] }),
        ],
        foreignKeys: [actionKey()],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'action_date_requests',
        columns: [
          c.id(),
          c.integer('action_id'),
          c.varchar('authority_code', 16),
          c.varchar('state', 20),
          c.date('previous_due_date'),
          c.date('proposed_date'),
          c.text('reason'),
          c.integer('requested_by_user_id', true),
          c.varchar('requested_by_name', 200),
          c.integer('decided_by_user_id', true),
          c.varchar('decided_by_name', 200, true),
          c.text('decision_note', true),
          c.timestamp('decided_at', true),
          c.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_action_date_requests_action', columnNames: ['action_id'] }),
          new TableIndex({ name: 'idx_action_date_requests_authority_state', columnNames: ['authority_code', 'state'] }),
        ],
        foreignKeys: [actionKey()],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'action_milestones',
        columns: [c.id(), c.integer('action_id'), c.varchar('title', 300), c.date('due_date'), c.date('met_on', true), c.createdAt()],
        indices: [new TableIndex({ name: 'idx_action_milestones_action', columnNames: ['action_id', 'due_date'] })],
        foreignKeys: [actionKey()],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'evidence_files',
        columns: [
          c.id(),
          c.integer('action_id'),
          c.varchar('authority_code', 16),
          c.varchar('file_name', 255),
          c.varchar('media_type', 120),
          c.integer('size_bytes'),
          c.varchar('sha256', 64),
          // 'database': the bytes are in `content`; 'directory': in the file store under `storage_key`.
          c.varchar('storage', 20),
          c.varchar('storage_key', 100, true),
          { name: 'content', type: bytesType, isNullable: true },
          c.integer('uploaded_by_user_id', true),
          c.varchar('uploaded_by_name', 200),
          c.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_evidence_files_action', columnNames: ['action_id'] })],
        foreignKeys: [actionKey()],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('evidence_files');
    await queryRunner.dropTable('action_milestones');
    await queryRunner.dropTable('action_date_requests');
    await queryRunner.dropTable('action_challenges');
    await queryRunner.dropColumns('actions', ['signed_off_by', 'signed_off_at', 'success_measure', 'what_will_be_done']);
    await restoreSqliteRevisionTriggers(queryRunner);
    await queryRunner.query(`UPDATE actions SET status = 'completed' WHERE status IN ('awaiting_sign_off', 'signed_off')`);
  }
}

/**
 * SQLite adds and drops columns by rebuilding the table, which drops its triggers: the actions
 * table's revision triggers (see AuthorityRevisions1764100000000) are put back as they were.
 */
async function restoreSqliteRevisionTriggers(queryRunner: QueryRunner): Promise<void> {
  if (queryRunner.connection.driver.options.type === 'postgres') return;
  const bump = (codes: string) => `UPDATE authorities SET data_revision = data_revision + 1 WHERE code IN (${codes});`;
  const triggers = {
    insert: `AFTER INSERT ON actions BEGIN ${bump('NEW.authority_code')} END`,
    update: `AFTER UPDATE ON actions BEGIN ${bump('OLD.authority_code, NEW.authority_code')} END`,
    delete: `AFTER DELETE ON actions BEGIN ${bump('OLD.authority_code')} END`,
  };
  for (const [operation, body] of Object.entries(triggers)) {
    await queryRunner.query(`DROP TRIGGER IF EXISTS trg_actions_revision_${operation}`);
    await queryRunner.query(`CREATE TRIGGER trg_actions_revision_${operation} ${body}`);
  }
}
