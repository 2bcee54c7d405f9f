import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { Reminder, ReminderSweep } from '#reminders';
import { makePerson } from '../access/access-fixture.js';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';
import { errorSummary, signedInAgent } from '../web/support/page-agent.js';

/** The value of one series in Prometheus's text format, or 0 when it is not there yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = /\{([^}]*)\}/.exec(line)?.[1] ?? '';
    const present = labelText ? labelText.split(',') : [];
    if (wanted.every((label) => present.includes(label))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

/** GET /api/metrics: who may read it, and figures that move with requests, failed extractions and the sweep. */
describe('metrics', () => {
  let api: TestApi;
  let http: ReturnType<typeof request>;
  let actionId: number;

  const scrape = async () => (await http.get('/api/metrics').set(api.adminAuth).expect(200)).text;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01' });
    http = request(api.app.getHttpServer());
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    actionId = (await http.get('/api/actions?limit=1').set(api.adminAuth).expect(200)).body.items[0].id;
  });

  afterAll(async () => {
    await api?.close();
  });

  it("is read with an administrator's token, refused without one and to anyone else", async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE improvement_tracker_http_requests_total counter');
    expect(text).toContain('# TYPE improvement_tracker_http_request_duration_seconds histogram');
    await http.get('/api/metrics').expect(401);
    const viewer = await makePerson(api, 'metrics-viewer', [{ role: 'viewer', authorityCode: 'E09000005' }]);
    await http.get('/api/metrics').set(viewer.auth).expect(403);
  });

  it('counts requests by route pattern, not by path, with their latency', async () => {
    const route = { method: 'GET', route: '/api/actions/:id', status: '200' };
    const before = sample(await scrape(), 'improvement_tracker_http_requests_total', route);
    await http.get(`/api/actions/${actionId}`).set(api.adminAuth).expect(200);
    await http.get(`/api/actions/${actionId}`).set(api.adminAuth).expect(200);
    const after = await scrape();
    expect(sample(after, 'improvement_tracker_http_requests_total', route)).toBe(before + 2);
    expect(sample(after, 'improvement_tracker_http_request_duration_seconds_count', { method: 'GET', route: '/api/actions/:id' })).toBeGreaterThanOrEqual(2);
    expect(after).not.toContain(`/api/actions/${actionId}"`);
  });

  it('counts a report that cannot be read as an extraction failure', async () => {
    const before = sample(await scrape(), 'improvement_tracker_extraction_failures_total');
    const refused = await http.post('/api/reports').set(api.adminAuth).attach('file', Buffer.from('%PDF-1.4 this is not really a PDF'), { filename: 'broken.pdf', contentType: 'application/pdf' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(sample(await scrape(), 'improvement_tracker_extraction_failures_total')).toBe(before + 1);
  });

  it('counts a report the upload page could not read, as it counts one sent to the API', async () => {
    const { agent, csrf } = await signedInAgent(api, 'admin@tracker.test', 'test-admin-password');
    const before = sample(await scrape(), 'improvement_tracker_extraction_failures_total');
    const refused = await agent.post('/reports/new').field('_csrf', csrf).attach('file', Buffer.from('%PDF-1.4 this is not really a PDF'), { filename: 'broken.pdf', contentType: 'application/pdf' });
    expect(refused.status).toBe(422);
    expect(errorSummary(refused.text)).toContain('could not be read as an inspection report');
    const notReport = await agent.post('/reports/new').field('_csrf', csrf).attach('file', Buffer.from('Minutes of the board meeting\n\nApologies were received.\n'), 'minutes.txt');
    expect(notReport.status).toBe(422);
    expect(sample(await scrape(), 'improvement_tracker_extraction_failures_total')).toBe(before + 2);
    // A form refused for what is not the report's fault (no file chosen) is not an extraction failure.
    await agent.post('/reports/new').field('_csrf', csrf).expect(400);
    expect(sample(await scrape(), 'improvement_tracker_extraction_failures_total')).toBe(before + 2);
  });

  it('reports reminders sent, failed and retried, and when the sweep last ran', async () => {
    const before = await scrape();
    expect(sample(before, 'improvement_tracker_reminder_sweep_last_run_seconds')).toBe(0);
    const dataSource = api.app.get(DataSource);
    await dataSource.getRepository(ReminderSweep).save({ digestDate: '2015-06-01', runs: 1, lastRunAt: new Date('2015-06-01T07:00:00Z'), teamDigests: 2, escalationDigests: 0 });
    await dataSource.getRepository(Reminder).save([
      { kind: 'team_digest', recipientKey: 'team:1', teamId: null, contactId: null, authorityCode: 'E09000005', digestDate: '2015-06-01', recipients: ['a@brent.example'], actionIds: [], status: 'sent', attempts: 2, error: null, messageId: '<1@x>', sentAt: new Date() },
      { kind: 'team_digest', recipientKey: 'team:2', teamId: null, contactId: null, authorityCode: 'E09000005', digestDate: '2015-06-01', recipients: ['b@brent.example'], actionIds: [], status: 'failed', attempts: 5, error: 'refused', messageId: null, sentAt: null },
    ]);
    const after = await scrape();
    expect(sample(after, 'improvement_tracker_reminder_sweep_last_run_seconds')).toBe(Date.parse('2015-06-01T07:00:00Z') / 1000);
    expect(sample(after, 'improvement_tracker_reminders', { status: 'sent' })).toBe(sample(before, 'improvement_tracker_reminders', { status: 'sent' }) + 1);
    expect(sample(after, 'improvement_tracker_reminders', { status: 'failed' })).toBe(sample(before, 'improvement_tracker_reminders', { status: 'failed' }) + 1);
    expect(sample(after, 'improvement_tracker_reminders', { status: 'retried' })).toBe(sample(before, 'improvement_tracker_reminders', { status: 'retried' }) + 1);
  });

  it('is read without a token from an address METRICS_ALLOW lists, and only from there', async () => {
    const allowed = await startTestApi({ today: '2015-06-01', env: { METRICS_ALLOW: '127.0.0.0/8, ::1, ::ffff:127.0.0.1' } });
    const elsewhere = await startTestApi({ today: '2015-06-01', env: { METRICS_ALLOW: '10.0.0.0/8' } });
    try {
      const text = (await request(allowed.app.getHttpServer()).get('/api/metrics').expect(200)).text;
      expect(text).toContain('improvement_tracker_http_requests_total');
      await request(elsewhere.app.getHttpServer()).get('/api/metrics').expect(401);
    } finally {
      await allowed.close();
      await elsewhere.close();
    }
  });
});
