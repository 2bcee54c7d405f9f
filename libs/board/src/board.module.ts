import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrackingModule } from '#tracking';
import { RemindersDataModule, REMINDER_EXTENSIONS } from '#reminders';
import { BoardActionPlanSupplier } from './board-action-plan.supplier.js';
import { BoardMeetingsService } from './board-meetings.service.js';
import { BoardMeetingRepository } from './board-meeting.repository.js';
import { BoardReminderRepository } from './board-reminder.repository.js';
import { BoardPackRepository } from './board-pack.repository.js';
import { OfstedDeadlineRepository } from './ofsted-deadline.repository.js';
import { BoardPackService } from './board-pack.service.js';
import { BoardReminders } from './board-reminders.extension.js';
import { JournalExportService } from './journal-export.service.js';
import { BOARD_ENTITIES } from './entities/index.js';
import { RepeatLinksService } from './repeat-links.service.js';
import { RepeatLinkRepository } from './repeat-link.repository.js';
import { OfstedDeadlinesService } from './ofsted-deadlines.service.js';

/** The board's I/O: one repository per set of tables. */
const REPOSITORIES = [
  BoardMeetingRepository,
  BoardPackRepository,
  OfstedDeadlineRepository,
  BoardReminderRepository,
  RepeatLinkRepository,
];

/** The services the applications use. */
const SERVICES = [
  JournalExportService,
  OfstedDeadlinesService,
  RepeatLinksService,
  BoardMeetingsService,
  BoardPackService,
];

/** A council's board: Ofsted's deadlines, its meetings and cycle updates, repeated recommendations and the pack. */
@Module({
  imports: [TypeOrmModule.forFeature(BOARD_ENTITIES), TrackingModule, RemindersDataModule],
  providers: [
    ...REPOSITORIES,
    ...SERVICES,
    BoardActionPlanSupplier,
    BoardReminders,
    { provide: REMINDER_EXTENSIONS, inject: [BoardReminders], useFactory: (board: BoardReminders) => [board] },
  ],
  exports: [...SERVICES, REMINDER_EXTENSIONS],
})
export class BoardModule {}
