import { Table, TableForeignKey, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

/**
 * A board's own records: recommendations that repeat earlier ones (found at ingestion, confirmed or
 * dismissed by a board member), the council's board meetings, and each action's update for a
 * meeting (one per action per meeting cycle).
 */
export class BoardRecords1765000000002 implements MigrationInterface {
  name = 'BoardRecords1765000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'recommendation_links',
        columns: [
          c.id(),
          c.integer('recommendation_id'),
          c.integer('earlier_recommendation_id'),
          c.varchar('authority_code', 16),
          c.integer('score_permille'),
          c.text('shared_words'),
          { name: 'status', type: 'varchar', length: '12', isNullable: false, default: "'suggested'" },
          c.varchar('decided_by', 200, true),
          c.timestamp('decided_at', true),
          c.createdAt(),
        ],
        uniques: [new TableUnique({ name: 'uq_recommendation_links_pair', columnNames: ['recommendation_id', 'earlier_recommendation_id'] })],
        indices: [new TableIndex({ name: 'idx_recommendation_links_earlier', columnNames: ['earlier_recommendation_id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['recommendation_id'], referencedTableName: 'recommendations', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['earlier_recommendation_id'], referencedTableName: 'recommendations', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'board_meetings',
        columns: [
          c.id(),
          c.varchar('authority_code', 16),
          c.date('meeting_date'),
          c.varchar('title', 200),
          { name: 'update_reminder_working_days', type: 'integer', isNullable: false, default: 5 },
          c.varchar('created_by', 200, true),
          c.createdAt(),
        ],
        uniques: [new TableUnique({ name: 'uq_board_meetings_authority_date', columnNames: ['authority_code', 'meeting_date'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['authority_code'], referencedTableName: 'authorities', referencedColumnNames: ['code'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'meeting_updates',
        columns: [
          c.id(),
          c.integer('meeting_id'),
          c.integer('action_id'),
          c.text('note'),
          c.integer('author_user_id', true),
          c.varchar('author_name', 200),
          c.createdAt(),
          c.createdAt('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_meeting_updates_meeting_action', columnNames: ['meeting_id', 'action_id'] })],
        indices: [new TableIndex({ name: 'idx_meeting_updates_action', columnNames: ['action_id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['meeting_id'], referencedTableName: 'board_meetings', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['action_id'], referencedTableName: 'actions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('meeting_updates');
    await queryRunner.dropTable('board_meetings');
    await queryRunner.dropTable('recommendation_links');
  }
}
