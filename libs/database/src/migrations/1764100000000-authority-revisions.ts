import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The tables whose rows carry an authority_code and show in an authority's action lists. */
const DIRECT_TABLES = ['actions', 'teams', 'reports'] as const;
const OPERATIONS = ['insert', 'update', 'delete'] as const;

/**
 * `authorities.data_revision` changes, in the same transaction, whenever an authority's actions,
 * teams, reports or recommendations change, by whatever path: the API, the worker, the CLI or a
 * hand-written statement. Cached action lists are keyed by it, so they can never outlive the data.
 * Triggers are the one part of the schema the schema builder cannot express; each database gets
 * its own dialect here, and both run in CI.
 */
export class AuthorityRevisions1764100000000 implements MigrationInterface {
  name = 'AuthorityRevisions1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('authorities', new TableColumn({ name: 'data_revision', type: 'integer', isNullable: false, default: 0 }));
    if (queryRunner.connection.driver.options.type === 'postgres') await this.createPostgresTriggers(queryRunner);
    else await this.createSqliteTriggers(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    for (const table of [...DIRECT_TABLES, 'recommendations']) {
      if (postgres) await queryRunner.query(`DROP TRIGGER IF EXISTS trg_${table}_revision ON ${table}`);
      else for (const operation of OPERATIONS) await queryRunner.query(`DROP TRIGGER IF EXISTS trg_${table}_revision_${operation}`);
    }
    if (postgres) {
      await queryRunner.query('DROP FUNCTION IF EXISTS bump_authority_revision()');
      await queryRunner.query('DROP FUNCTION IF EXISTS bump_report_authority_revision()');
    }
    await queryRunner.dropColumn('authorities', 'data_revision');
  }

  private async createSqliteTriggers(queryRunner: QueryRunner): Promise<void> {
    const bump = (codes: string) => `UPDATE authorities SET data_revision = data_revision + 1 WHERE code IN (${codes});`;
    const ofReport = (row: 'NEW' | 'OLD') => `SELECT authority_code FROM reports WHERE id = ${row}.report_id`;
    for (const table of DIRECT_TABLES) {
      await queryRunner.query(`CREATE TRIGGER trg_${table}_revision_insert AFTER INSERT ON ${table} BEGIN ${bump('NEW.authority_code')} END`);
      await queryRunner.query(`CREATE TRIGGER trg_${table}_revision_update AFTER UPDATE ON ${table} BEGIN ${bump('OLD.authority_code, NEW.authority_code')} END`);
      await queryRunner.query(`CREATE TRIGGER trg_${table}_revision_delete AFTER DELETE ON ${table} BEGIN ${bump('OLD.authority_code')} END`);
    }
    await queryRunner.query(`CREATE TRIGGER trg_recommendations_revision_insert AFTER INSERT ON recommendations BEGIN ${bump(ofReport('NEW'))} END`);
    await queryRunner.query(`CREATE TRIGGER trg_recommendations_revision_update AFTER UPDATE ON recommendations BEGIN ${bump(`${ofReport('OLD')} UNION ${ofReport('NEW')}`)} END`);
    await queryRunner.query(`CREATE TRIGGER trg_recommendations_revision_delete AFTER DELETE ON recommendations BEGIN ${bump(ofReport('OLD'))} END`);
  }

  private async createPostgresTriggers(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION bump_authority_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          UPDATE authorities SET data_revision = data_revision + 1 WHERE code = OLD.authority_code;
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.authority_code IS DISTINCT FROM OLD.authority_code) THEN
          UPDATE authorities SET data_revision = data_revision + 1 WHERE code = NEW.authority_code;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION bump_report_authority_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          UPDATE authorities SET data_revision = data_revision + 1 WHERE code = (SELECT authority_code FROM reports WHERE id = OLD.report_id);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.report_id IS DISTINCT FROM OLD.report_id) THEN
          UPDATE authorities SET data_revision = data_revision + 1 WHERE code = (SELECT authority_code FROM reports WHERE id = NEW.report_id);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of DIRECT_TABLES) {
      await queryRunner.query(`CREATE TRIGGER trg_${table}_revision AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION bump_authority_revision()`);
    }
    await queryRunner.query(
      'CREATE TRIGGER trg_recommendations_revision AFTER INSERT OR UPDATE OR DELETE ON recommendations FOR EACH ROW EXECUTE FUNCTION bump_report_authority_revision()',
    );
  }
}
