import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

/**
 * The newest journal entry a team member has seen on their work page. Journal ids only grow, so
 * "what changed since you last looked" is exact, where timestamps from two clocks (the service's
 * and the database's) or a second's resolution could hide a change.
 */
export class TeamWorkSeen1764800000001 implements MigrationInterface {
  name = 'TeamWorkSeen1764800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumn('users', new TableColumn(c.integer('last_seen_update_id', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'last_seen_update_id');
  }
}
