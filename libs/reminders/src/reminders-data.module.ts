import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactsService } from './contacts.service.js';
import { REMINDER_ENTITIES } from './entities/index.js';

/** The reminder tables: contacts, reminders sent, what each action's owners were told, swept days. */
@Module({
  imports: [TypeOrmModule.forFeature(REMINDER_ENTITIES)],
  providers: [ContactsService],
  exports: [TypeOrmModule, ContactsService],
})
export class RemindersDataModule {}
