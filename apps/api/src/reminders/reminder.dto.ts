import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CONTACT_ROLES, REMINDER_KINDS, REMINDER_STATUSES, type ContactRole, type ReminderKind, type ReminderStatus } from '#reminders';
import { PageQueryDto } from '../actions/action.dto.js';
import { CalendarDate, FIELD_LIMITS, Id } from '../http/field-rules.js';
import { CommaList, QueryInteger } from '../http/query-transforms.js';

export class ListRemindersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'ONS code of the authority, e.g. E09000031' })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.authorityCode)
  authority?: string;

  @ApiPropertyOptional({ description: 'Id of the team the digest went to' })
  @QueryInteger()
  @IsOptional()
  @Id()
  team?: number;

  @ApiPropertyOptional({ enum: REMINDER_KINDS, isArray: true, description: 'Comma-separated' })
  @CommaList()
  @IsOptional()
  @IsIn(REMINDER_KINDS, { each: true })
  kind?: ReminderKind[];

  @ApiPropertyOptional({ enum: REMINDER_STATUSES, isArray: true, description: 'Comma-separated; failed lists what did not reach its recipients' })
  @CommaList()
  @IsOptional()
  @IsIn(REMINDER_STATUSES, { each: true })
  status?: ReminderStatus[];

  @ApiPropertyOptional({ example: '2025-06-02', description: 'The working day the digests were for' })
  @IsOptional()
  @CalendarDate()
  date?: string;
}

export class RunSweepDto {
  @ApiPropertyOptional({ example: '2025-06-02', description: 'The day to sweep; today (Europe/London) when absent' })
  @IsOptional()
  @CalendarDate()
  date?: string;
}

class ReminderTeamDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
}

class ReminderContactDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CONTACT_ROLES }) role: ContactRole;
}

export class ReminderDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: REMINDER_KINDS }) kind: ReminderKind;
  @ApiProperty() authorityCode: string;
  @ApiProperty({ example: '2025-06-02' }) digestDate: string;
  @ApiProperty({ type: ReminderTeamDto, nullable: true, description: 'For a team digest' }) team: ReminderTeamDto | null;
  @ApiProperty({ type: ReminderContactDto, nullable: true, description: 'For an escalation to a chair' }) contact: ReminderContactDto | null;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty({ type: [Number], description: 'The actions the message listed' }) actionIds: number[];
  @ApiProperty({ enum: REMINDER_STATUSES }) status: ReminderStatus;
  @ApiProperty({ description: 'Delivery attempts so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed, or which recipients the mail server refused' }) error: string | null;
  @ApiProperty({ nullable: true, type: String }) messageId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReminderPageDto {
  @ApiProperty({ type: [ReminderDto] }) items: ReminderDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class SweepRequestDto {
  @ApiProperty({ example: '2025-06-02' }) date: string;
  @ApiProperty({ example: 'sweep-2025-06-02' }) jobId: string;
  @ApiProperty({ enum: ['queued', 'already-queued'] }) state: 'queued' | 'already-queued';
  @ApiProperty({ description: 'false on weekends and bank holidays, when the sweep sends nothing' }) workingDay: boolean;
  @ApiProperty() message: string;
}
