import { Module } from '@nestjs/common';
import { RemindersDataModule, RemindersService } from '#reminders';
import { TrackingModule } from '#tracking';
import { AccountPreferencesController } from './account-preferences.controller.js';
import { RemindersController } from './reminders.controller.js';
import { ReminderSweepRequests } from './reminder-sweep.requests.js';
import { ChallengeAlertRequests } from './challenge-alert.requests.js';

/** The reminder routes: the list and the caller's own preference read the database only; the sweep and new challenges' alerts are handed to the worker through Redis. */
@Module({
  imports: [TrackingModule, RemindersDataModule],
  controllers: [RemindersController, AccountPreferencesController],
  providers: [RemindersService, ReminderSweepRequests, ChallengeAlertRequests],
  exports: [ReminderSweepRequests],
})
export class RemindersApiModule {}
