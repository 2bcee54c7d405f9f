import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataSource } from 'typeorm';
import { instantOrNullFromRow, isoDateOrNullFromRow, runSql } from '#database';
import { ActionReminderState, AuthorityContact, Reminder } from '#reminders';
import { readCouncilArchive } from '#tracking';
import { runCli } from '../../apps/cli/src/main.js';
import { BRENT, makePerson, seedTwoAuthorities, WALTHAM_FOREST, type Person } from '../access/access-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * A council's data out, deleted and back in, through the commands an operator runs, on the database
 * the API uses (a file, or PostgreSQL when the suite runs there). What comes back is compared with
 * what went out through everything but the ids, which the import numbers afresh.
 */
describe('export-council, delete-council and import-council', () => {
  let folder: string;
  let database: TestDatabase | undefined;
  let api: TestApi;
  let http: ReturnType<typeof request>;
  let dataSource: DataSource;
  let boardA: Person;
  let boardB: Person;
  let both: Person;
  let before: Snapshot;
  let evidenceAction: number;
  let otherBefore: Snapshot;
  /** The council exported once, as it stood before any test: what a test that needs the council back imports. */
  let exportedBefore: string;

  /** The council's data in place, as `before`: imported back if a test deleted it. */
  const councilPresent = async () => {
    if ((await snapshot(dataSource, BRENT)).actions.length > 0) return;
    const imported = await cli('import-council', exportedBefore);
    expect(imported.code, imported.err).toBe(0);
  };
  /** The council's data gone, as after delete-council. */
  const councilDeleted = async () => {
    if ((await snapshot(dataSource, BRENT)).actions.length === 0) return;
    const deleted = await cli('delete-council', BRENT, '--yes');
    expect(deleted.code, deleted.err).toBe(0);
  };

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    try {
      const code = await runCli(['node', 'improvement-tracker', ...args]);
      return { code, out: out.join(''), err: err.join('') };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'improvement-tracker-council-'));
    const base = await createTestDatabase();
    if (base.url.startsWith('postgres')) database = base;
    const databaseUrl = database?.url ?? `sqlite:${join(folder, 'tracker.sqlite')}`;
    process.env.DATABASE_URL = databaseUrl;
    process.env.LOG_LEVEL = 'error';
    // Evidence files in a directory, as a deployment with EVIDENCE_DIR keeps them: the export must carry their bytes.
    process.env.EVIDENCE_DIR = join(folder, 'evidence');
    api = await startTestApi({ today: '2015-06-01', env: { DATABASE_URL: databaseUrl, AUTH_RATE_LIMIT: '1000', AUTH_CACHE_MS: '0', EVIDENCE_DIR: process.env.EVIDENCE_DIR } });
    http = request(api.app.getHttpServer());
    dataSource = api.app.get(DataSource);
    await seedTwoAuthorities(api);

    // People, progress with evidence, a review, a chair contact and reminders: every registered table has rows.
    const brent = (await http.get(`/api/actions?authority=${BRENT}&limit=100&sort=id`).set(api.adminAuth).expect(200)).body.items as { id: number; team: { id: number } | null }[];
    const owned = brent.find((action) => action.team)!;
    boardA = await makePerson(api, 'board-a', [{ role: 'board_member', authorityCode: BRENT }]);
    boardB = await makePerson(api, 'board-b', [{ role: 'board_member', authorityCode: WALTHAM_FOREST }]);
    both = await makePerson(api, 'both', [
      { role: 'viewer', authorityCode: BRENT },
      { role: 'team_member', authorityCode: BRENT, teamId: owned.team!.id },
      { role: 'viewer', authorityCode: WALTHAM_FOREST },
    ]);
    const chair = await makePerson(api, 'chair-a', [{ role: 'lscb_chair', authorityCode: BRENT }]);
    await http.post(`/api/actions/${owned.id}/updates`).set(both.auth).send({ note: 'Audit of 40 case files booked', evidenceLinks: ['https://intranet.example/audit'] }).expect(201);
    const current = (await http.get(`/api/actions/${owned.id}`).set(api.adminAuth).expect(200)).body;
    await http.patch(`/api/actions/${owned.id}`).set(boardA.auth).send({ version: current.version, status: 'in_progress', ragOverride: 'amber', ragOverrideNote: 'Slow start', dueDate: '2015-09-30', dueDateReason: 'Re-programmed' }).expect(200);
    await http.post(`/api/actions/${owned.id}/reviews`).set(chair.auth).send({ outcome: 'challenged', note: 'Where is the audit?' }).expect(201);
    await http.post(`/api/actions/${brent[1].id}/updates`).set(api.adminAuth).send({ note: 'Noted by the administrator' }).expect(201);
    await http.post(`/api/actions/${owned.id}/evidence`).set(boardA.auth).attach('file', PNG, { filename: 'audit-chart.png', contentType: 'image/png' }).expect(201);
    evidenceAction = owned.id;

    const contact = await dataSource.getRepository(AuthorityContact).save({ authorityCode: BRENT, role: 'lscb_chair', name: 'Chair of Brent LSCB', email: 'chair@brent.example' });
    await dataSource.getRepository(Reminder).save([
      { kind: 'team_digest', recipientKey: `team:${owned.team!.id}`, teamId: owned.team!.id, contactId: null, authorityCode: BRENT, digestDate: '2015-05-29', recipients: ['team@brent.example'], actionIds: [owned.id], status: 'sent', attempts: 1, error: null, messageId: '<1@tracker>', sentAt: new Date('2015-05-29T07:01:00Z') },
      { kind: 'lscb_escalation', recipientKey: `contact:${contact.id}`, teamId: null, contactId: contact.id, authorityCode: BRENT, digestDate: '2015-05-29', recipients: ['chair@brent.example'], actionIds: [owned.id, brent[1].id], status: 'failed', attempts: 3, error: 'relay refused', messageId: null, sentAt: null },
    ]);
    await dataSource.getRepository(ActionReminderState).save({ actionId: owned.id, dueSoonNotifiedFor: null, overdueNotifiedFor: '2015-05-01', overdueLastNotifiedOn: '2015-05-29', escalationNotifiedFor: null, escalationLastNotifiedOn: null, lastDigestOn: '2015-05-29', lastDigestTeamId: owned.team!.id, lastDigestReason: 'overdue_repeat' });

    before = await snapshot(dataSource, BRENT);
    otherBefore = await snapshot(dataSource, WALTHAM_FOREST);
    exportedBefore = join(folder, 'brent-before.zip');
    const exported = await cli('export-council', BRENT, '--out', exportedBefore);
    expect(exported.code, exported.err).toBe(0);
  });

  afterAll(async () => {
    delete process.env.EVIDENCE_DIR;
    await api?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('exports a council to a zip of JSON and CSV with a manifest, without secrets', async () => {
    await councilPresent();
    const file = join(folder, 'brent.zip');
    const result = await cli('export-council', BRENT, '--out', file);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(`Exported Brent (${BRENT}) to ${file}`);
    const { manifest, rows } = await readCouncilArchive(readFileSync(file));
    expect(manifest.authority).toEqual({ code: BRENT, name: 'Brent' });
    const counted = Object.fromEntries(manifest.tables.map((table) => [table.table, table.rows]));
    expect(counted).toMatchObject({ reports: 1, actions: before.actions.length, action_updates: before.journal.length, reminders: 2, authority_contacts: 1, action_reminder_states: 1 });
    // Everyone with a role in Brent or named in its journal (the administrator), and no one else.
    expect(rows.get('users')!.map((user) => user.email).sort()).toEqual([boardA.email, both.email, 'chair-a@tracker.test', 'admin@tracker.test'].sort());
    expect(rows.get('users')!.every((user) => !('password_hash' in user))).toBe(true);
    expect(JSON.stringify([...rows.values()])).not.toContain(boardB.email);
    expect(rows.get('actions')!.every((action) => action.authority_code === BRENT)).toBe(true);
    // The evidence file's bytes travel in the export, though the deployment keeps them in a directory.
    const [evidence] = rows.get('evidence_files')!;
    expect(evidence).toMatchObject({ file_name: 'audit-chart.png', storage: 'database', storage_key: null });
    expect(Buffer.from(String(evidence.content), 'base64').equals(PNG)).toBe(true);
  });

  it('lists what a deletion would remove and deletes nothing without --yes', async () => {
    await councilPresent();
    const result = await cli('delete-council', BRENT);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(new RegExp(`\\s${before.actions.length}\\s+actions\\n`));
    expect(result.out).toMatch(/\s2\s+accounts of people who work only for this council/);
    expect(result.out).toContain('Nothing was deleted.');
    expect(await snapshot(dataSource, BRENT)).toEqual(before);
  });

  it("deletes every row of the council and nobody else's", async () => {
    await councilPresent();
    const result = await cli('delete-council', BRENT, '--yes');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('Deleted the data of Brent');
    const after = await snapshot(dataSource, BRENT);
    expect(after).toEqual({ actions: [], journal: [], teams: [], reports: [], people: [], contacts: [], reminders: [], reminderStates: [] });
    expect(readdirSync(join(folder, 'evidence'))).toEqual([]);
    expect(await snapshot(dataSource, WALTHAM_FOREST)).toEqual(otherBefore);
    // People who work for another council keep their accounts and roles there; the others are gone.
    const emails = (await runSql<{ email: string }>(dataSource, 'SELECT email FROM users')).map((row) => row.email);
    expect(emails).toEqual(expect.arrayContaining([both.email, boardB.email, 'admin@tracker.test']));
    expect(emails).not.toContain(boardA.email);
    await http.get('/api/actions?limit=1').set(both.auth).expect(200);
    await http.get('/api/actions?limit=1').set(boardA.auth).expect(401);
    expect((await http.get(`/api/actions?authority=${BRENT}`).set(api.adminAuth).expect(200)).body.total).toBe(0);
  });

  it('imports the export back: the same actions, journal, teams, people and reminders', async () => {
    await councilDeleted();
    const result = await cli('import-council', exportedBefore);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('2 people already had an account here and keep it.');
    expect(await snapshot(dataSource, BRENT)).toEqual(before);
    expect(await snapshot(dataSource, WALTHAM_FOREST)).toEqual(otherBefore);
    // The API reads it back too, through the caches keyed on the council's data revision.
    const listed = (await http.get(`/api/actions?authority=${BRENT}&limit=100`).set(both.auth).expect(200)).body;
    expect(listed.total).toBe(before.actions.length);
    // The evidence file comes back with its bytes.
    const [file] = await runSql<{ id: number; action_id: number; file_name: string }>(dataSource, `SELECT id, action_id, file_name FROM evidence_files WHERE authority_code = :council`, { council: BRENT });
    expect(file.file_name).toBe('audit-chart.png');
    const download = await http.get(`/api/actions/${file.action_id}/evidence/${file.id}`).set(api.adminAuth).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((download.body as Buffer).equals(PNG)).toBe(true);
  });

  it('refuses to import over data the council already has, and changes nothing', async () => {
    await councilPresent();
    const result = await cli('import-council', exportedBefore);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/Brent already has data here \(.*actions.*\): delete it first/);
    expect(await snapshot(dataSource, BRENT)).toEqual(before);
  });

  it('refuses a damaged export or a file that is not one, saying why', async () => {
    const damaged = join(folder, 'damaged.zip');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(damaged, Buffer.from('not a zip at all'));
    const result = await cli('import-council', damaged);
    expect(result.code).toBe(2);
    expect(result.err).toContain('The file is not a zip archive');
    const unknown = await cli('export-council', 'E99999999', '--out', join(folder, 'nobody.zip'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No council has the code E99999999');
  });
});

/** A 1×1 PNG: the smallest file the evidence upload accepts as an image. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

interface Snapshot {
  actions: unknown[];
  journal: unknown[];
  teams: unknown[];
  reports: unknown[];
  people: unknown[];
  contacts: unknown[];
  reminders: unknown[];
  reminderStates: unknown[];
}

/** A council's data with every id replaced by what it identifies, so two numberings compare equal. */
async function snapshot(dataSource: DataSource, council: string): Promise<Snapshot> {
  const query = (sql: string) => runSql<Record<string, unknown>>(dataSource, sql, { council });
  const actionKey = `rp.text_sha256 || '#' || CAST(rc.ordinal AS varchar(10))`;
  const actions = await query(`
    SELECT ${actionKey} AS action, a.title, a.status, a.timeframe, a.addressee, a.lead_officer, a.rag_override, a.rag_override_note,
           a.original_due_date, a.due_date, a.due_date_reason, a.completed_at, a.created_at, a.updated_at, a.version, t.name AS team
    FROM actions a JOIN recommendations rc ON rc.id = a.recommendation_id JOIN reports rp ON rp.id = a.report_id LEFT JOIN teams t ON t.id = a.team_id
    WHERE a.authority_code = :council ORDER BY a.id`);
  const journal = await query(`
    SELECT ${actionKey} AS action, u.kind, u.actor_name, au.email AS actor, u.changes, u.note, u.evidence_links, u.created_at
    FROM action_updates u JOIN actions a ON a.id = u.action_id JOIN recommendations rc ON rc.id = a.recommendation_id JOIN reports rp ON rp.id = a.report_id
    LEFT JOIN users au ON au.id = u.actor_user_id
    WHERE a.authority_code = :council ORDER BY u.id`);
  const teams = await query('SELECT name, emails, keywords, created_at FROM teams WHERE authority_code = :council ORDER BY name');
  const reports = await query(`
    SELECT rp.text_sha256, rp.format, rp.baseline_date, rp.judgements, rp.source_file_name, rp.created_by, rp.created_at,
           (SELECT COUNT(*) FROM recommendations rc WHERE rc.report_id = rp.id) AS recommendations
    FROM reports rp WHERE rp.authority_code = :council ORDER BY rp.text_sha256`);
  const people = await query(`
    SELECT u.email, u.display_name, r.role, t.name AS team FROM role_assignments r JOIN users u ON u.id = r.user_id LEFT JOIN teams t ON t.id = r.team_id
    WHERE r.authority_code = :council ORDER BY u.email, r.role`);
  const contacts = await query('SELECT role, name, email FROM authority_contacts WHERE authority_code = :council ORDER BY email');
  const reminders = await query(`
    SELECT r.kind, r.digest_date, r.recipients, r.status, r.attempts, r.error, r.sent_at, t.name AS team, c.email AS contact, r.recipient_key, r.action_ids
    FROM reminders r LEFT JOIN teams t ON t.id = r.team_id LEFT JOIN authority_contacts c ON c.id = r.contact_id
    WHERE r.authority_code = :council ORDER BY r.kind`);
  const states = await query(`
    SELECT ${actionKey} AS action, s.overdue_notified_for, s.last_digest_on, s.last_digest_reason, t.name AS team
    FROM action_reminder_states s JOIN actions a ON a.id = s.action_id JOIN recommendations rc ON rc.id = a.recommendation_id JOIN reports rp ON rp.id = a.report_id
    LEFT JOIN teams t ON t.id = s.last_digest_team_id WHERE a.authority_code = :council`);

  // Keys that hold ids are compared by what they point at.
  const actionIds = new Map((await query('SELECT a.id, ' + actionKey + ' AS action FROM actions a JOIN recommendations rc ON rc.id = a.recommendation_id JOIN reports rp ON rp.id = a.report_id WHERE a.authority_code = :council')).map((row) => [Number(row.id), row.action]));
  return {
    actions: actions.map(normalised),
    journal: journal.map(normalised),
    teams: teams.map(normalised),
    reports: reports.map(normalised),
    people: people.map(normalised),
    contacts: contacts.map(normalised),
    reminders: reminders.map((row) => {
      const { recipient_key, action_ids, ...rest } = row;
      return { ...normalised(rest), recipient: String(recipient_key).split(':')[0], actions: (JSON.parse(String(action_ids)) as number[]).map((id) => actionIds.get(id)) };
    }),
    reminderStates: states.map(normalised),
  };
}

/** The drivers' own forms (Date objects, 0/1, bigint strings) in one form. */
function normalised(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      if (/_at$/.test(key)) return [key, instantOrNullFromRow(value)?.toISOString() ?? null];
      if (/date|_for$|_on$/.test(key)) return [key, isoDateOrNullFromRow(value)];
      if (key === 'recommendations' || key === 'version' || key === 'attempts') return [key, Number(value)];
      return [key, value];
    }),
  );
}
