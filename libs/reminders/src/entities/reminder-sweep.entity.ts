import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per swept day. Every sweep writes it first, which makes concurrent sweeps of the same
 * day (two workers, or the schedule and a manual run) take turns instead of planning twice.
 */
@Entity('reminder_sweeps')
export class ReminderSweep {
  @PrimaryColumn({ name: 'digest_date', type: 'date' })
  digestDate: string;

  @Column({ type: 'integer', default: 0 })
  runs: number;

  @Column({ name: 'last_run_at', type: Date })
  lastRunAt: Date;

  @Column({ name: 'team_digests', type: 'integer', default: 0 })
  teamDigests: number;

  @Column({ name: 'escalation_digests', type: 'integer', default: 0 })
  escalationDigests: number;
}
