import { Module } from '@nestjs/common';
import { RemindersService } from '#reminders';
import { TrackingModule } from '#tracking';
import { RemindersController } from './reminders.controller.js';
import { ReminderSweepRequests } from './reminder-sweep.requests.js';

/** The reminder routes: the list reads the database only; the sweep is handed to the worker through Redis. */
@Module({
  imports: [TrackingModule],
  controllers: [RemindersController],
  providers: [RemindersService, ReminderSweepRequests],
  exports: [ReminderSweepRequests],
})
export class RemindersApiModule {}
