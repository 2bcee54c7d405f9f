import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { CHALLENGE_EVENTS, DATE_REQUEST_EVENTS, type ChallengeEvent, type DateRequestEvent } from '#governance';
import { CalendarDate, FIELD_LIMITS, Optional, OptionalText, RequiredText, Title } from '../http/field-rules.js';

export class NewChallengeDto {
  @ApiProperty({ description: 'What is being challenged, and what answer is expected' })
  @RequiredText(FIELD_LIMITS.reviewNote, { missing: 'question is required: say what you are challenging and what answer you expect' })
  question: string;
}

export class ChallengeEventDto {
  @ApiProperty({ enum: CHALLENGE_EVENTS, description: 'respond (the owning team or the board), close or challenge_again (the challenger)' })
  @IsIn(CHALLENGE_EVENTS, { message: `event must be one of ${CHALLENGE_EVENTS.join(', ')}` })
  event: ChallengeEvent;

  @ApiPropertyOptional({ description: 'The response, or why the response does not answer the challenge; needed for respond and challenge_again' })
  @Optional()
  @OptionalText(FIELD_LIMITS.reviewNote)
  note?: string;
}

export class NewDateRequestDto {
  @ApiProperty({ example: '2026-03-31', description: 'Today or later. From the owning team a request for the board; from the board, applied at once' })
  @CalendarDate()
  proposedDate: string;

  @ApiProperty({ description: 'Why the date needs to change' })
  @RequiredText(FIELD_LIMITS.reason, { missing: 'reason is required: say why the due date needs to change' })
  reason: string;
}

export class DateRequestDecisionDto {
  @ApiProperty({ enum: DATE_REQUEST_EVENTS, description: 'approve or reject (the board; reject needs a note), withdraw (whoever asked, or the board)' })
  @IsIn(DATE_REQUEST_EVENTS, { message: `event must be one of ${DATE_REQUEST_EVENTS.join(', ')}` })
  event: DateRequestEvent;

  @ApiPropertyOptional()
  @Optional()
  @OptionalText(FIELD_LIMITS.reason)
  note?: string;
}

export class MilestoneDto {
  @ApiProperty({ example: 'Audit of 20 child protection plans' })
  @Title()
  title: string;

  @ApiProperty({ example: '2026-01-31' })
  @CalendarDate()
  dueDate: string;
}

export class MilestoneMetDto {
  @ApiProperty({ description: 'true ticks the milestone off as met today; false marks it not met' })
  @IsBoolean({ message: 'met must be true or false' })
  met: boolean;
}
