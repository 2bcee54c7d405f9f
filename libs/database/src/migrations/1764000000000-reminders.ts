import { Table, TableForeignKey, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

/** Chairs to escalate to, the reminder emails, what each action's owners were last told, and the swept days. */
export class Reminders1764000000000 implements MigrationInterface {
  name = 'Reminders1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'authority_contacts',
        columns: [c.id(), c.varchar('authority_code', 16), c.varchar('role', 20), c.varchar('name', 200), c.varchar('email', 320), c.createdAt()],
        uniques: [new TableUnique({ name: 'uq_authority_contacts_role_email', columnNames: ['authority_code', 'role', 'email'] })],
        indices: [new TableIndex({ name: 'idx_authority_contacts_authority', columnNames: ['authority_code'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['authority_code'], referencedTableName: 'authorities', referencedColumnNames: ['code'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'reminders',
        columns: [
          c.id(),
          c.varchar('kind', 20),
          c.varchar('recipient_key', 40),
          c.integer('team_id', true),
          c.integer('contact_id', true),
          c.varchar('authority_code', 16),
          c.date('digest_date'),
          c.text('recipients'),
          c.text('action_ids'),
          { name: 'status', type: 'varchar', length: '10', isNullable: false, default: "'pending'" },
          { name: 'attempts', type: 'integer', isNullable: false, default: 0 },
          c.text('error', true),
          c.varchar('message_id', 255, true),
          c.timestamp('sent_at', true),
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_reminders_recipient_kind_date', columnNames: ['recipient_key', 'kind', 'digest_date'] })],
        indices: [
          new TableIndex({ name: 'idx_reminders_date_status', columnNames: ['digest_date', 'status'] }),
          new TableIndex({ name: 'idx_reminders_authority_date', columnNames: ['authority_code', 'digest_date'] }),
        ],
        // History outlives the team or contact it went to.
        foreignKeys: [
          new TableForeignKey({ columnNames: ['team_id'], referencedTableName: 'teams', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
          new TableForeignKey({ columnNames: ['contact_id'], referencedTableName: 'authority_contacts', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'action_reminder_states',
        columns: [
          { name: 'action_id', type: 'integer', isPrimary: true },
          c.date('due_soon_notified_for', true),
          c.date('overdue_notified_for', true),
          c.date('overdue_last_notified_on', true),
          c.date('escalation_notified_for', true),
          c.date('escalation_last_notified_on', true),
          c.date('last_digest_on', true),
          c.integer('last_digest_team_id', true),
          c.varchar('last_digest_reason', 20, true),
        ],
        // Reached through the actions' indexes and the primary key only: the sweep writes it in bulk.
        foreignKeys: [
          new TableForeignKey({ columnNames: ['action_id'], referencedTableName: 'actions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'reminder_sweeps',
        columns: [
          { name: 'digest_date', type: 'date', isPrimary: true },
          { name: 'runs', type: 'integer', isNullable: false, default: 0 },
          c.timestamp('last_run_at'),
          { name: 'team_digests', type: 'integer', isNullable: false, default: 0 },
          { name: 'escalation_digests', type: 'integer', isNullable: false, default: 0 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['reminder_sweeps', 'action_reminder_states', 'reminders', 'authority_contacts']) {
      await queryRunner.dropTable(table);
    }
  }
}
