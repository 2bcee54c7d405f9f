import { Table, TableForeignKey, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

/**
 * How often each person wants their digest (daily, weekly on a chosen weekday, or none), and the
 * secret of their one-click unsubscribe link. A person without a row gets the daily digest.
 */
export class ReminderPreferences1764700000002 implements MigrationInterface {
  name = 'ReminderPreferences1764700000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'reminder_preferences',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true, isNullable: false },
          { name: 'digest', type: 'varchar', length: '10', isNullable: false, default: "'daily'" },
          c.integer('weekday', true),
          c.varchar('unsubscribe_token', 64),
          c.createdAt('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_reminder_preferences_token', columnNames: ['unsubscribe_token'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reminder_preferences');
  }
}
