import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';
import { CalendarDate, OptionalOrNull } from '../http/field-rules.js';

export class OfstedDeadlineDto {
  @ApiProperty({ example: '2015-06-30', nullable: true, description: 'The date Ofsted expects the action plan; null for the default (70 working days after publication)' })
  @IsDefined({ message: 'dueDate is required: a date in the form YYYY-MM-DD, or null for the default' })
  @OptionalOrNull()
  @CalendarDate()
  dueDate: string | null;
}
