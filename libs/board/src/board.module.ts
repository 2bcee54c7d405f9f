import { Module } from '@nestjs/common';
import { RemindersDataModule, REMINDER_EXTENSIONS } from '#reminders';
import { BoardReminders } from './board-reminders.extension.js';
import { OfstedDeadlinesService } from './ofsted-deadlines.service.js';

/** A council's board: Ofsted's deadlines, its meetings and cycle updates, repeated recommendations and the pack. */
@Module({
  imports: [RemindersDataModule],
  providers: [OfstedDeadlinesService, BoardReminders, { provide: REMINDER_EXTENSIONS, inject: [BoardReminders], useFactory: (board: BoardReminders) => [board] }],
  exports: [OfstedDeadlinesService, REMINDER_EXTENSIONS],
})
export class BoardModule {}
