import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Report } from '#database';
import { AuthorityContact, Reminder } from '#reminders';

/** What the Ofsted deadline rule reads of a report. */
export type DeadlineReport = Pick<Report, 'id' | 'authorityCode' | 'authorityName' | 'format' | 'publishedOn' | 'baselineDate' | 'judgements' | 'ofstedPlanDueDate'>;

export type NewBoardReminder = Pick<Reminder, 'kind' | 'recipientKey' | 'teamId' | 'contactId' | 'authorityCode' | 'digestDate' | 'recipients' | 'actionIds' | 'status' | 'attempts'>;

/** The board reminders' own reads and writes; the meetings' are BoardMeetingRepository's. Called inside the sweep's transaction when given its manager. */
@Injectable()
export class BoardReminderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every report, with what its Ofsted plan deadline is worked out from. */
  reportsForDeadlines(manager: EntityManager = this.dataSource.manager): Promise<DeadlineReport[]> {
    // Few reports per council and a handful of councils per deployment: read them all, decide in code.
    return manager.getRepository(Report).find({
      select: { id: true, authorityCode: true, authorityName: true, format: true, publishedOn: true, baselineDate: true, judgements: true, ofstedPlanDueDate: true },
      order: { id: 'ASC' },
    });
  }

  /** The board chair contacts of these councils. */
  chairsOf(manager: EntityManager, authorities: readonly string[]): Promise<AuthorityContact[]> {
    return manager
      .createQueryBuilder(AuthorityContact, 'contact')
      .where('contact.role = :role AND contact.authorityCode IN (:...authorities)', { role: 'board_chair', authorities })
      .orderBy('contact.id')
      .getMany();
  }

  /** The unique key (recipient, kind, day) makes planning the day again add nothing. */
  async addReminders(manager: EntityManager, rows: NewBoardReminder[]): Promise<void> {
    if (rows.length > 0) await manager.createQueryBuilder().insert().into(Reminder).values(rows).orIgnore().updateEntity(false).execute();
  }
}
