import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Action, Authority, Recommendation, Report, runSql, Team } from '#database';
import { AuthorityContact, type ContactRole, type DigestFrequency } from '#reminders';
import type { ActionStatus, Addressee, IsoDate } from '#core';

/** Authorities, teams, chairs and actions written straight to the database, for precise cadence cases. */
export class ReminderFixtures {
  private readonly reports = new Map<string, Report>();
  private ordinal = 0;

  constructor(private readonly dataSource: DataSource) {}

  async authority(code: string, name: string, contacts: { role: ContactRole; name: string; email: string }[] = []): Promise<void> {
    await this.dataSource.getRepository(Authority).insert({ code, name, otherNames: [], region: null, authorityType: null });
    for (const contact of contacts) await this.dataSource.getRepository(AuthorityContact).insert({ authorityCode: code, ...contact });
  }

  async team(authorityCode: string, name: string, emails: string[]): Promise<Team> {
    return this.dataSource.getRepository(Team).save({ authorityCode, name, emails, keywords: [] });
  }

  async action(input: { authorityCode: string; teamId: number | null; dueDate: IsoDate; addressee?: Addressee; status?: ActionStatus; title?: string; leadOfficer?: string }): Promise<Action> {
    const report = await this.reportOf(input.authorityCode);
    this.ordinal += 1;
    const addressee = input.addressee ?? 'local_authority';
    const recommendation = await this.dataSource.getRepository(Recommendation).save({
      reportId: report.id,
      ordinal: this.ordinal,
      reference: `R${this.ordinal}`,
      text: input.title ?? `Recommendation ${this.ordinal}`,
      timeframe: 'three_months',
      theme: null,
      addressee,
      mentionedBodies: [],
    });
    return this.dataSource.getRepository(Action).save({
      recommendationId: recommendation.id,
      reportId: report.id,
      authorityCode: input.authorityCode,
      timeframe: 'three_months',
      addressee,
      title: input.title ?? `Action ${this.ordinal}`,
      teamId: input.teamId,
      leadOfficer: input.leadOfficer ?? null,
      status: input.status ?? 'not_started',
      ragOverride: null,
      ragOverrideNote: null,
      originalDueDate: input.dueDate,
      dueDate: input.dueDate,
      dueDateAssumed: false,
      dueDateReason: null,
      completedAt: null,
    });
  }

  /**
   * A user, with a team member's role in each team given (or a viewer's role in the council), and
   * optionally a digest preference. Written as rows: the worker does not load the access library.
   */
  async person(input: { email: string; name: string; authorityCode: string; teamIds?: number[]; digest?: DigestFrequency; weekday?: number; deactivated?: boolean }): Promise<number> {
    await runSql(this.dataSource, `INSERT INTO users (email, display_name, failed_login_count, deactivated_at) VALUES (:email, :name, 0, ${input.deactivated ? 'CURRENT_TIMESTAMP' : 'NULL'})`, input);
    const [{ id }] = await runSql<{ id: number }>(this.dataSource, 'SELECT id FROM users WHERE email = :email', input);
    const teams = input.teamIds ?? [];
    for (const teamId of teams) {
      await runSql(this.dataSource, `INSERT INTO role_assignments (user_id, role, authority_code, team_id) VALUES (:id, 'team_member', :authorityCode, :teamId)`, { id, teamId, authorityCode: input.authorityCode });
    }
    if (teams.length === 0) await runSql(this.dataSource, `INSERT INTO role_assignments (user_id, role, authority_code) VALUES (:id, 'viewer', :authorityCode)`, { id, authorityCode: input.authorityCode });
    if (input.digest) {
      await runSql(this.dataSource, `INSERT INTO reminder_preferences (user_id, digest, weekday, unsubscribe_token) VALUES (:id, :digest, :weekday, :token)`, {
        id,
        digest: input.digest,
        weekday: input.weekday ?? null,
        token: randomBytes(16).toString('hex'),
      });
    }
    return Number(id);
  }

  async update(actionId: number, changes: Partial<Pick<Action, 'status' | 'dueDate' | 'teamId'>>): Promise<void> {
    await this.dataSource.getRepository(Action).update({ id: actionId }, changes);
  }

  private async reportOf(authorityCode: string): Promise<Report> {
    let report = this.reports.get(authorityCode);
    if (!report) {
      report = await this.dataSource.getRepository(Report).save({
        authorityCode,
        authorityName: `Council ${authorityCode}`,
        format: 'single_inspection_2014',
        inspectionStart: '2025-01-06',
        inspectionEnd: '2025-01-24',
        publishedOn: '2025-03-03',
        baselineDate: '2025-03-03',
        judgements: [],
        sourceFileName: null,
        textSha256: randomBytes(32).toString('hex'),
        rawText: 'fixture',
        createdBy: null,
      });
      this.reports.set(authorityCode, report);
    }
    return report;
  }
}
