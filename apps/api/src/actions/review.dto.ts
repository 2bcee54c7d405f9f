import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { ReviewOutcome } from '#tracking';
import { FIELD_LIMITS, RequiredText } from '../http/field-rules.js';

export class ReviewDto {
  @ApiProperty({ enum: ['reviewed', 'challenged'] })
  @IsIn(['reviewed', 'challenged'], { message: 'outcome must be reviewed or challenged' })
  outcome: ReviewOutcome;

  @ApiProperty({ description: 'What was checked, or what the board must answer' })
  @RequiredText(FIELD_LIMITS.reviewNote, { missing: 'note is required: say what was reviewed or why it is challenged' })
  note: string;
}
