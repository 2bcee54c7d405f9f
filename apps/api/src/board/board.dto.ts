import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn } from 'class-validator';
import { CalendarDate, OptionalOrNull } from '../http/field-rules.js';

export class OfstedDeadlineDto {
  @ApiProperty({ example: '2015-06-30', nullable: true, description: 'The date Ofsted expects the action plan; null for the default (70 working days after publication)' })
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
