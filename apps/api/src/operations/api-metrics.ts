import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { instantOrNullFromRow, runSql } from '#database';
import { ReminderSweepRequests } from '../reminders/reminder-sweep.requests.js';

/** Job states whose counts make the queue's depth: what is still to do, and what gave up. */
const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/**
 * The API's Prometheus metrics (prom-client), in a registry of its own. Request counts and
 * latencies are recorded as requests finish; reminder and queue figures are read from the
 * database and Redis when Prometheus scrapes, so every API process reports the same totals.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'improvement_tracker_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly latency = new Histogram({
    name: 'improvement_tracker_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'improvement_tracker_http_errors_total',
    help: 'Responses with a 5xx status, by route',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly extractionFailures = new Counter({
    name: 'improvement_tracker_extraction_failures_total',
    help: 'Reports that could not be read or extracted',
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() dataSource: DataSource,
    sweeps: ReminderSweepRequests,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'improvement_tracker_' });
    new Gauge({
      name: 'improvement_tracker_reminders',
      help: 'Reminder emails by status (sent, failed, pending, skipped), and those sent only after a retry',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await runSql<{ status: string; n: number | string }>(dataSource, 'SELECT status, COUNT(*) AS n FROM reminders GROUP BY status');
        const [retried] = await runSql<{ n: number | string }>(dataSource, "SELECT COUNT(*) AS n FROM reminders WHERE status = 'sent' AND attempts > 1");
        this.reset();
        for (const status of ['sent', 'failed', 'pending', 'skipped']) this.set({ status }, Number(rows.find((row) => row.status === status)?.n ?? 0));
        this.set({ status: 'retried' }, Number(retried.n));
      },
    });
    new Gauge({
      name: 'improvement_tracker_reminder_sweep_last_run_seconds',
      help: 'When the reminder sweep last ran (Unix time); 0 when it never has',
      registers: [this.registry],
      async collect() {
        const [row] = await runSql<{ at: unknown }>(dataSource, 'SELECT MAX(last_run_at) AS at FROM reminder_sweeps');
        this.set((instantOrNullFromRow(row?.at)?.getTime() ?? 0) / 1000);
      },
    });
    new Gauge({
      name: 'improvement_tracker_reminder_queue_jobs',
      help: 'Jobs in the reminder queues by queue and state; absent while Redis is unreachable',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = await sweeps.jobCounts([...QUEUE_STATES]);
        for (const [queue, byState] of Object.entries(counts ?? {})) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state] ?? 0);
        }
      },
    });
  }
}
