import type { EntityManager } from 'typeorm';
import type { Team } from '#database';
import type { DigestEmail } from './digest-composer.js';
import type { AuthorityContact } from './entities/authority-contact.entity.js';
import type { Reminder, ReminderKind } from './entities/reminder.entity.js';
import type { IsoDate } from '#core';

/** The reminder as an extension composes it: with its team or contact loaded. */
export type LoadedReminder = Reminder & { team?: Team | null; contact?: AuthorityContact | null };

/**
 * Reminders another library plans and words (a board's deadlines and meetings), sent by the same
 * sweep, queue, retries and journal as the digests. The extension adds pending rows of its own
 * kinds in the planner's transaction and composes each message when it is sent.
 */
export interface ReminderExtension {
  readonly kinds: readonly ReminderKind[];
  /** Adds the day's pending reminders; planning the same day again must add nothing (the unique key helps). */
  plan(manager: EntityManager, date: IsoDate): Promise<void>;
  /** The message, read afresh when it is sent; null when nothing is left to say. */
  compose(reminder: LoadedReminder, publicUrl: string): Promise<(DigestEmail & { actionIds: number[] }) | null>;
}

/** Injection token for the deployment's reminder extensions (an array; none when absent). */
export const REMINDER_EXTENSIONS = Symbol('REMINDER_EXTENSIONS');
