import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CalendarDate, Id, OptionalOrNull, RequiredText } from '../http/field-rules.js';

export class OfstedDeadlineDto {
  @ApiProperty({ type: String, format: 'date', example: '2015-06-30', nullable: true, description: 'The date Ofsted expects the action plan; null for the default (70 working days after publication)' })
  @IsDefined({ message: 'dueDate is required: a date in the form YYYY-MM-DD, or null for the default' })
  @OptionalOrNull()
  @CalendarDate()
  dueDate: string | null;
}

export class RepeatDecisionDto {
  @ApiProperty({ enum: ['confirmed', 'dismissed'], description: 'confirmed: the recommendation repeats the earlier one; dismissed: it does not' })
  @IsIn(['confirmed', 'dismissed'], { message: 'status must be confirmed or dismissed' })
  status: 'confirmed' | 'dismissed';
}

export class MeetingDto {
  @ApiProperty({ example: '2015-03-18' })
  @CalendarDate()
  meetingDate: string;

  @ApiProperty({ example: 'March board' })
  @RequiredText(200)
  title: string;

  @ApiPropertyOptional({ example: 5, description: 'Teams are reminded to write their update this many working days before (1-30; 5 by default)' })
  @IsOptional()
  @IsInt({ message: 'updateReminderWorkingDays must be a whole number from 1 to 30' })
  @Min(1, { message: 'updateReminderWorkingDays must be a whole number from 1 to 30' })
  @Max(30, { message: 'updateReminderWorkingDays must be a whole number from 1 to 30' })
  updateReminderWorkingDays?: number;
}

export class MeetingChangeDto {
  @ApiPropertyOptional({ example: '2015-03-25' })
  @IsOptional()
  @CalendarDate()
  meetingDate?: string;

  @ApiPropertyOptional({ example: 'March board (moved)' })
  @IsOptional()
  @RequiredText(200)
  title?: string;

  @ApiPropertyOptional({ example: 5, description: 'Teams are reminded to write their update this many working days before (1-30)' })
  @IsOptional()
  @IsInt({ message: 'updateReminderWorkingDays must be a whole number from 1 to 30' })
  @Min(1, { message: 'updateReminderWorkingDays must be a whole number from 1 to 30' })
  @Max(30, { message: 'updateReminderWorkingDays must be a whole number from 1 to 30' })
  updateReminderWorkingDays?: number;
}

export class MeetingUpdateDto {
  @ApiProperty({ example: 'Audit of 40 cases done; findings to the April practice forum.' })
  @RequiredText(5000)
  note: string;
}

export class MeetingQueryDto {
  @ApiPropertyOptional({ description: 'The meeting (its id); by default the next one from today, or the last' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value))
  @Id()
  meeting?: number;
}
