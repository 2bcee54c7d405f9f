import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '#config';
import { UnitOfWork } from '#database';
import { Clock, type IsoDate } from '#core';
import { sweepWindow, type CadenceRules, type SweepWindow } from './cadence.js';
import type { ContactRole } from './entities/authority-contact.entity.js';
import type { ReminderKind } from './entities/reminder.entity.js';
import { REMINDER_EXTENSIONS, type ReminderExtension } from './reminder-extension.js';
import { ChallengeAlertPlanner } from './challenge-alert-planner.js';
import { ReminderPlanRepository, type ContactToTell, type NewReminder, type PendingReminder, type ReminderCounts } from './reminder-plan.repository.js';

export type { PendingReminder } from './reminder-plan.repository.js';

export interface PlanResult {
  date: IsoDate;
  /** Team digests and escalation digests this run added (a repeated run of the same day adds none). */
  teamDigestsPlanned: number;
  escalationDigestsPlanned: number;
}

const ESCALATION_KIND_OF: Record<ContactRole, ReminderKind> = { board_chair: 'board_escalation', lscb_chair: 'lscb_escalation' };

export function cadenceRulesOf(config: AppConfig): CadenceRules {
  return {
    dueSoonDays: config.DUE_SOON_DAYS,
    overdueRepeatDays: config.OVERDUE_REPEAT_DAYS,
    escalationWorkingDays: config.ESCALATION_WORKING_DAYS,
    escalationRepeatDays: config.ESCALATION_REPEAT_DAYS,
  };
}

/** One pending escalation digest per chair to tell: the board chair's or the LSCB chair's kind. */
export function escalationRemindersFor(contacts: readonly ContactToTell[], date: IsoDate): NewReminder[] {
  return contacts.map((contact) => ({
    kind: ESCALATION_KIND_OF[contact.role],
    recipientKey: `contact:${contact.id}`,
    teamId: null,
    contactId: contact.id,
    authorityCode: contact.authority_code,
    digestDate: date,
    recipients: [contact.email],
    actionIds: [],
    status: 'pending' as const,
    attempts: 0,
  }));
}

/** What this run added: the day's counts after it, less those before (other runs' digests are not this run's). */
export function plannedBetween(date: IsoDate, before: ReminderCounts, after: ReminderCounts): PlanResult {
  return { date, teamDigestsPlanned: after.team - before.team, escalationDigestsPlanned: after.escalation - before.escalation };
}

/**
 * Decides, for one working day, which actions go into which digests, and records the decision:
 * it marks the actions in action_reminder_states and adds one pending reminder per team and per
 * chair (the statements are in ReminderPlanRepository), in one transaction, so a crash leaves
 * either the whole day planned or nothing. Planning the same day again adds nothing: teams and
 * authorities that already have that day's digest are left out, which is what makes a re-run or a
 * second worker harmless.
 */
@Injectable()
export class ReminderPlanner {
  constructor(
    private readonly plans: ReminderPlanRepository,
    private readonly challengeAlerts: ChallengeAlertPlanner,
    private readonly unitOfWork: UnitOfWork,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Optional() @Inject(REMINDER_EXTENSIONS) private readonly extensions: readonly ReminderExtension[] = [],
  ) {}

  window(date: IsoDate): SweepWindow {
    return sweepWindow(date, cadenceRulesOf(this.config));
  }

  plan(date: IsoDate): Promise<PlanResult> {
    const window = this.window(date);
    return this.unitOfWork.run(async (manager) => {
      await this.plans.claimDay(manager, date, this.clock.now());
      const before = await this.plans.countByKind(manager, date);
      await this.plans.markActions(manager, window);
      await this.plans.addTeamReminders(manager, date);
      await this.plans.addPersonalReminders(manager, window);
      await this.plans.addReminders(manager, escalationRemindersFor(await this.plans.contactsToTell(manager, date), date));
      for (const extension of this.extensions ?? []) await extension.plan(manager, date);
      await this.challengeAlerts.planMissed(manager, date);
      const after = await this.plans.countByKind(manager, date);
      await this.plans.recordCounts(manager, date, after);
      return plannedBetween(date, before, after);
    });
  }

  /** Every reminder of the day still to send, whichever run planned it: queued again after a crash. */
  pendingReminders(date: IsoDate): Promise<PendingReminder[]> {
    return this.plans.pendingReminders(date);
  }
}
