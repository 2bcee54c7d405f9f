import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, ValidateIf } from 'class-validator';
import { DIGEST_CHOICE_MESSAGES, DIGEST_FREQUENCIES, DIGEST_WEEKDAYS, type DigestFrequency, type DigestWeekday } from '#reminders';

const FREQUENCY_DESCRIPTION =
  'How often you hear about your due-soon and overdue actions: daily (the default), weekly on the weekday given, or none. ' +
  'Overdue escalations to the chairs and challenges are always sent and cannot be turned off.';

export class ChooseDigestDto {
  @ApiProperty({ enum: DIGEST_FREQUENCIES, description: FREQUENCY_DESCRIPTION })
  @IsIn(DIGEST_FREQUENCIES, { message: `digest must be one of ${DIGEST_FREQUENCIES.join(', ')}` })
  digest: DigestFrequency;

  @ApiPropertyOptional({ enum: DIGEST_WEEKDAYS, nullable: true, description: 'With a weekly digest (required then): 1 (Monday) to 5 (Friday). Ignored otherwise.' })
  @ValidateIf((body: ChooseDigestDto) => body.digest === 'weekly')
  @IsIn(DIGEST_WEEKDAYS, { message: `weekday: ${DIGEST_CHOICE_MESSAGES.weekday}, as a number from 1 (Monday) to 5 (Friday)` })
  weekday?: DigestWeekday | null;
}

export class DigestChoiceDto {
  @ApiProperty({ enum: DIGEST_FREQUENCIES, description: FREQUENCY_DESCRIPTION }) digest: DigestFrequency;
  @ApiProperty({ enum: DIGEST_WEEKDAYS, nullable: true, type: Number, description: 'The weekday of a weekly digest, 1 (Monday) to 5 (Friday); null otherwise' }) weekday: DigestWeekday | null;
  @ApiProperty({ example: 'A weekly digest on Fridays' }) summary: string;
  @ApiProperty({ example: 'Overdue escalations to the chairs and challenges are always sent.' }) alwaysSent: string;
}
