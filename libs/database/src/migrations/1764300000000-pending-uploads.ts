import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

/**
 * Uploaded reports waiting for their uploader to check the extracted recommendations and confirm:
 * the text stays here, under a one-off id, instead of travelling through the preview form.
 */
export class PendingUploads1764300000000 implements MigrationInterface {
  name = 'PendingUploads1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'pending_uploads',
        columns: [
          { ...c.varchar('id', 64), isPrimary: true },
          c.integer('user_id'),
          c.varchar('authority_code', 16),
          c.varchar('file_name', 255, true),
          c.text('text'),
          c.varchar('text_sha256', 64),
          c.text('draft'),
          c.timestamp('expires_at'),
          c.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_pending_uploads_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'idx_pending_uploads_expires_at', columnNames: ['expires_at'] }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pending_uploads');
  }
}
