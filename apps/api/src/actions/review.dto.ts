import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import type { ReviewOutcome } from '#tracking';

export class ReviewDto {
  @ApiProperty({ enum: ['reviewed', 'challenged'] })
  @IsIn(['reviewed', 'challenged'], { message: 'outcome must be reviewed or challenged' })
  outcome: ReviewOutcome;

  @ApiProperty({ description: 'What was checked, or what the board must answer' })
  @IsString()
  @MinLength(1, { message: 'note is required: say what was reviewed or why it is challenged' })
  @MaxLength(5000)
  note: string;
}
