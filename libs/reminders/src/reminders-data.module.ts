import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactRepository } from './contact.repository.js';
import { ContactsService } from './contacts.service.js';
import { REMINDER_ENTITIES } from './entities/index.js';
import { ReminderListRepository } from './reminder-list.repository.js';
import { ReminderPreferenceRepository } from './reminder-preference.repository.js';
import { ReminderPreferencesService } from './reminder-preferences.service.js';

/** The reminder tables: contacts, people's digest choices, reminders sent, what each action's owners were told, swept days. */
@Module({
  imports: [TypeOrmModule.forFeature(REMINDER_ENTITIES)],
  providers: [ContactRepository, ContactsService, ReminderPreferenceRepository, ReminderPreferencesService, ReminderListRepository],
  exports: [TypeOrmModule, ContactsService, ReminderPreferencesService, ReminderListRepository],
})
export class RemindersDataModule {}
