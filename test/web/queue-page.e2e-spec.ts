import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFromEnvironment } from '#config';
import { MAIL_QUEUE } from '#reminders';
import { launchChromium, newBrowserContext, seriousAccessibilityProblems, signIn } from '../support/browser.js';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';
import { mainText, makePagePerson, signedInAgent, type Agent } from './support/page-agent.js';

/**
 * The reminder queue page on the real Redis (127.0.0.1:6379), under a queue prefix of its own:
 * a job that failed shows with its reason, and Retry queues it again.
 */
describe('reminder queue page', () => {
  let api: TestApi;
  let agent: Agent;
  let csrf: string;
  let mail: Queue;
  const prefix = `queue-page-${randomBytes(4).toString('hex')}`;
  const connection = () => {
    const url = new URL(loadConfigFromEnvironment().REDIS_URL);
    return { host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) };
  };

  /** A mail job failed the way an SMTP relay refusing mail would fail it, by a worker of the test's own. */
  const failedJob = async (reminderId: number) => {
    const events = new QueueEvents(MAIL_QUEUE, { connection: connection(), prefix });
    await events.waitUntilReady();
    const worker = new Worker(MAIL_QUEUE, async () => {
      throw new Error('550 relay refused for team@brent.example');
    }, { connection: connection(), prefix });
    const job = await mail.add('team-digest', { reminderId }, { jobId: `team-digest-${reminderId}`, attempts: 1 });
    await job.waitUntilFinished(events).catch(() => undefined);
    await worker.close();
    await events.close();
  };

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { QUEUE_PREFIX: prefix, AUTH_RATE_LIMIT: '1000' } });
    ({ agent, csrf } = await signedInAgent(api, 'admin@tracker.test', 'test-admin-password'));
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    mail = new Queue(MAIL_QUEUE, { connection: connection(), prefix });
    // The failed job the page shows; the Retry test fails one of its own.
    await failedJob(41);
  });

  afterAll(async () => {
    await mail?.obliterate({ force: true }).catch(() => undefined);
    await mail?.close();
    await api?.close();
  });

  it('shows each queue’s jobs by state and a failed job with its reason', async () => {
    const page = await agent.get('/operations/queue').expect(200);
    const text = mainText(page.text);
    expect(page.text).toContain(`data-queue="${MAIL_QUEUE}"`);
    expect(page.text).toContain('data-job="team-digest-41"');
    expect(text).toContain('550 relay refused for team@brent.example');
    expect(text).toContain('team-digest (team-digest-41), 1 attempt');
  });

  it('queues a failed job again on Retry, with the CSRF token, and says so', async () => {
    await failedJob(43);
    const path = `/operations/queue/${MAIL_QUEUE}/team-digest-43/retry`;
    await agent.post(path).type('form').send({}).expect(403);
    const retried = await agent.post(path).type('form').send({ _csrf: csrf }).expect(303);
    expect(retried.headers.location).toBe('/operations/queue?saved=retried');
    expect(await (await mail.getJob('team-digest-43'))!.getState()).toBe('waiting');
    const after = await agent.get(retried.headers.location).expect(200);
    expect(after.text).toContain('The job was queued again.');
    expect(after.text).not.toContain('data-job="team-digest-43"');
    // Twice is not found: the job is no longer a failed one.
    await agent.post(path).type('form').send({ _csrf: csrf }).expect(404);
  });

  it('is for the deployment’s admins only', async () => {
    const councilAdmin = await makePagePerson(api, 'queue-council-admin', [{ role: 'council_admin', authorityCode: 'E09000005' }]);
    const { agent: other, csrf: otherCsrf } = await signedInAgent(api, councilAdmin.email, councilAdmin.password);
    await other.get('/operations/queue').expect(403);
    await other.post(`/operations/queue/${MAIL_QUEUE}/team-digest-41/retry`).type('form').send({ _csrf: otherCsrf }).expect(403);
  });

  it('passes axe-core at 320 px', async () => {
    const failing = await mail.add('lscb-escalation', { reminderId: 42 }, { jobId: 'lscb-escalation-42' });
    await failing.moveToFailed(new Error('421 try again later'), '0', false).catch(() => undefined);
    await api.app.listen(0, '127.0.0.1');
    const baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    const browser = await launchChromium();
    try {
      const context = await newBrowserContext(browser);
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 800 });
      await signIn(page, baseUrl, 'admin@tracker.test', 'test-admin-password');
      await page.goto(`${baseUrl}/operations/queue`);
      expect(await page.locator('h1').first().textContent()).toBe('Reminder queue');
      expect(await seriousAccessibilityProblems(page, '/operations/queue')).toEqual([]);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    } finally {
      await browser.close();
    }
  });
});
