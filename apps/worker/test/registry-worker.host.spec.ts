import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { MAIL_QUEUE, type ReminderJobHandlers } from '#reminders';
import { RegistryWorkerHost } from '../src/registry-worker.host.js';

class IncompleteProcessor extends RegistryWorkerHost<typeof MAIL_QUEUE> {
  readonly queueName = MAIL_QUEUE;
  protected handlers(): ReminderJobHandlers<typeof MAIL_QUEUE> {
    // What a processor that forgot a job would look like once the types are bypassed.
    return { 'team-digest': async () => 'sent' } as unknown as ReminderJobHandlers<typeof MAIL_QUEUE>;
  }
}

class CompleteProcessor extends RegistryWorkerHost<typeof MAIL_QUEUE> {
  readonly queueName = MAIL_QUEUE;
  protected handlers(): ReminderJobHandlers<typeof MAIL_QUEUE> {
    return {
      'team-digest': async (payload) => `team ${payload.reminderId}`,
      'personal-digest': async (payload) => `person ${payload.reminderId}`,
      'escalation-digest': async (payload) => `chair ${payload.reminderId}`,
      notice: async (payload) => `notice ${payload.reminderId}`,
      'challenge-opened': async (payload) => `challenge ${payload.challengeId}`,
    };
  }
}

describe('RegistryWorkerHost', () => {
  it('refuses to start when a job name of its queue has no handler', () => {
    expect(() => new IncompleteProcessor().verifyHandlers()).toThrow('Queue reminder-mail has no handler for job personal-digest, escalation-digest, notice, challenge-opened');
    expect(() => new CompleteProcessor().verifyHandlers()).not.toThrow();
  });

  it('dispatches by job name, and fails for good on a name it does not know', async () => {
    const processor = new CompleteProcessor();
    expect(await processor.process({ name: 'escalation-digest', data: { reminderId: 4 } } as Job)).toBe('chair 4');
    expect(await processor.process({ name: 'challenge-opened', data: { challengeId: 9 } } as Job)).toBe('challenge 9');
    await expect(processor.process({ name: 'postcard', data: {} } as Job)).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
