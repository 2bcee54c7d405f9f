import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ADDRESSEES, MAX_REPORT_RECOMMENDATIONS, TIMEFRAMES, type Addressee, type Timeframe } from '#core';
import { MAX_RECOMMENDATION_TEXT, MAX_REFERENCE_LENGTH, MAX_THEME_LENGTH, type CorrectedRecommendation } from '#extraction';
import { CalendarDate, FIELD_LIMITS, Id, IsNotBlank, Optional, OptionalOrNull, OptionalText, RequiredText } from '../http/field-rules.js';
import { QueryBoolean } from '../http/query-transforms.js';

export class IngestQueryDto {
  @ApiPropertyOptional({ description: 'true returns the extracted draft and saves nothing' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ example: '2015-01-20', description: 'Overrides the baseline the due dates are counted from' })
  @IsOptional()
  @CalendarDate()
  baselineDate?: string;

  @ApiPropertyOptional({ example: 'E09000031', description: "ONS code, needed only when the report names no recognisable council" })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.authorityCode)
  authorityCode?: string;

  @ApiPropertyOptional({ description: 'Name recorded as the source of a text body' })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.fileName)
  fileName?: string;
}

/** One recommendation of the corrected list: see DraftCorrections in #extraction. */
export class CorrectedRecommendationDto implements CorrectedRecommendation {
  @ApiPropertyOptional({ example: 3, description: 'The ordinal (in the dry run\'s draft) of the extracted recommendation this one comes from; leave out for one added by hand; give the same one twice to split it' })
  @Optional()
  @Id()
  from?: number;

  @ApiPropertyOptional({ example: 'A3', description: 'Defaults to the extracted reference ("A3a", "A3b" for a split; "H1" ... for one added by hand)' })
  @Optional()
  @RequiredText(MAX_REFERENCE_LENGTH)
  reference?: string;

  @ApiProperty({ example: 'Ensure that strategy discussions are recorded.' })
  @RequiredText(MAX_RECOMMENDATION_TEXT)
  text: string;

  @ApiProperty({ enum: TIMEFRAMES })
  @IsIn(TIMEFRAMES, { message: `timeframe must be one of ${TIMEFRAMES.join(', ')}` })
  timeframe: Timeframe;

  @ApiProperty({ enum: ADDRESSEES })
  @IsIn(ADDRESSEES, { message: `addressee must be one of ${ADDRESSEES.join(', ')}` })
  addressee: Addressee;

  @ApiPropertyOptional({ nullable: true, example: 'Corporate parenting' })
  @OptionalOrNull()
  @OptionalText(MAX_THEME_LENGTH)
  theme?: string | null;

  @ApiPropertyOptional({ nullable: true, description: "The owning team's id; leave out to route by the text as usual, null for none" })
  @OptionalOrNull()
  @Id()
  teamId?: number | null;
}

export class IngestJsonDto {
  @ApiPropertyOptional({ description: 'The report as plain text or markdown' })
  @IsString({ message: 'text must contain the report' })
  @IsNotBlank({ message: 'text must contain the report' })
  text: string;

  @ApiPropertyOptional()
  @Optional()
  @OptionalText(FIELD_LIMITS.fileName)
  fileName?: string;

  @ApiPropertyOptional({ example: '2015-01-20', description: 'Counts the due dates from this date instead of the report\'s own' })
  @Optional()
  @CalendarDate()
  baselineDate?: string;

  @ApiPropertyOptional({
    type: [CorrectedRecommendationDto],
    description:
      'The whole corrected list, as a board confirms it: an extracted item left out is removed, one without "from" is added, two with the same "from" split it. Leave out to confirm the extracted list. A dry run answers the corrected draft and the edits.',
  })
  @Optional()
  @IsArray({ message: 'recommendations must be the whole corrected list' })
  @ArrayMaxSize(MAX_REPORT_RECOMMENDATIONS, { message: `recommendations may hold at most ${MAX_REPORT_RECOMMENDATIONS} items` })
  @ValidateNested({ each: true })
  @Type(() => CorrectedRecommendationDto)
  recommendations?: CorrectedRecommendationDto[];
}

export class UpdateReportDto {
  @ApiPropertyOptional({ example: '2015-01-20', description: 'Moves every due date that was not re-programmed by hand' })
  @CalendarDate()
  baselineDate: string;
}

export class ReportListQueryDto {
  @ApiPropertyOptional({ example: 'E09000031' })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.authorityCode)
  authority?: string;
}
