import { Table, TableForeignKey, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

/**
 * One row per reminder and recipient address, written before the message leaves and settled after:
 * a retry skips the addresses already served and, with GOV.UK Notify, asks Notify before sending
 * again to an address whose attempt ended without an answer.
 */
export class ReminderSendMarks1764700000001 implements MigrationInterface {
  name = 'ReminderSendMarks1764700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'reminder_send_marks',
        columns: [
          c.id(),
          c.integer('reminder_id'),
          c.varchar('recipient', 320),
          c.varchar('state', 10),
          c.varchar('reference', 120),
          c.varchar('provider_id', 255, true),
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_reminder_send_marks_recipient', columnNames: ['reminder_id', 'recipient'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['reminder_id'], referencedTableName: 'reminders', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reminder_send_marks');
  }
}
