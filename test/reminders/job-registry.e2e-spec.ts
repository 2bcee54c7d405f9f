import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFromEnvironment } from '#config';
import { MAIL_QUEUE, ReminderQueues, SWEEP_QUEUE } from '#reminders';

/** The registry's promise to whoever adds a job: queuing the same payload twice queues it once. */
describe('queuing jobs of the registry (real Redis)', () => {
  const prefix = `test-registry-${randomBytes(4).toString('hex')}`;
  let redis: Redis;
  let queues: ReminderQueues;

  beforeAll(() => {
    redis = new Redis(loadConfigFromEnvironment().REDIS_URL, { maxRetriesPerRequest: null });
    const options = { connection: redis, prefix };
    queues = new ReminderQueues(new Queue(SWEEP_QUEUE, options), new Queue(MAIL_QUEUE, options), { attempts: 4, backoffMs: 1000 });
  });

  afterAll(async () => {
    await queues.sweep.obliterate({ force: true });
    await queues.mail.obliterate({ force: true });
    await Promise.all([queues.sweep.close(), queues.mail.close()]);
    redis.disconnect();
  });

  it('queues a payload once however often it is added, with the retry options of its class', async () => {
    const first = await queues.add('escalation-digest', { reminderId: 41 });
    const second = await queues.add('escalation-digest', { reminderId: 41 });
    await queues.addMany('team-digest', [{ reminderId: 41 }, { reminderId: 42 }, { reminderId: 42 }]);
    expect(first).toBe('reminder-41');
    expect(second).toBe(first);
    const jobs = await queues.mail.getJobs(['waiting']);
    expect(jobs.map((job) => job.id).sort()).toEqual(['reminder-41', 'reminder-42']);
    const job = await queues.mail.getJob('reminder-41');
    // The first add wins: its name and payload are kept, the repeats are ignored.
    expect(job).toMatchObject({ name: 'escalation-digest', data: { reminderId: 41 } });
    expect(job!.opts).toMatchObject({ attempts: 4, backoff: { type: 'exponential', delay: 1000 } });
  });

  it('puts each job on its own queue', async () => {
    await queues.add('sweep', { date: '2025-06-02' });
    expect((await queues.sweep.getJob('sweep-2025-06-02'))?.name).toBe('sweep');
    expect(await queues.mail.getJob('sweep-2025-06-02')).toBeUndefined();
  });
});
