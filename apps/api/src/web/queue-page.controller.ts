import { Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Job, Queue } from 'bullmq';
import type { Response } from 'express';
import { Permission } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { ReminderSweepRequests } from '../reminders/reminder-sweep.requests.js';
import { AdminPageQuery } from './page-queries.js';
import { PageShell } from './page-shell.service.js';

/** The failed jobs shown, newest first: enough to see a pattern, few enough for one page. */
const FAILED_SHOWN = 50;
const STATES = ['waiting', 'delayed', 'active', 'completed', 'failed'] as const;

/**
 * The reminder queue for the deployment's admins, for the day emails stop: how many jobs wait,
 * run, finished and failed in each queue, each failed job with the reason it gave, and a button
 * that queues it again. Reads Redis through the API's own connection; a page, not an error, when
 * Redis does not answer.
 */
@ApiExcludeController()
@Controller('operations/queue')
@Permission('deployment.operate')
export class QueuePageController {
  constructor(
    private readonly shell: PageShell,
    private readonly sweeps: ReminderSweepRequests,
  ) {}

  @Get()
  async page(@Query() query: AdminPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const queues = this.queues();
    const summaries = queues
      ? await Promise.all(
          queues.map(async (queue) => {
            const counts = await queue.getJobCounts(...STATES);
            const failed = await queue.getJobs(['failed'], 0, FAILED_SHOWN - 1, false);
            return { name: queue.name, counts, failed: failed.filter(Boolean).map((job) => failedView(job)) };
          }),
        )
      : [];
    response.render('queue', {
      title: 'Reminder queue',
      layout: this.shell.layout(request, 'admin', null),
      available: queues !== null,
      states: STATES,
      queues: summaries,
      notice: query.saved === 'retried' ? 'The job was queued again.' : undefined,
    });
  }

  @Post(':queue/:job/retry')
  async retry(@Param('queue') queueName: string, @Param('job') jobId: string, @Res() response: Response): Promise<void> {
    const queue = this.queues()?.find((candidate) => candidate.name === queueName);
    const job = queue ? await queue.getJob(jobId) : undefined;
    if (!job || !(await job.isFailed())) throw new NotFoundException(`No failed job ${jobId} in the ${queueName} queue: it may have been retried already`);
    await job.retry('failed');
    response.redirect(303, '/operations/queue?saved=retried');
  }

  private queues(): Queue[] | null {
    const queues = this.sweeps.readyQueues();
    return queues ? [queues.sweep, queues.mail] : null;
  }
}

function failedView(job: Job) {
  return {
    id: job.id ?? '',
    name: job.name,
    reason: job.failedReason || 'No reason was recorded',
    attempts: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
