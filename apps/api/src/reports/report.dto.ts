import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { CalendarDate, FIELD_LIMITS, IsNotBlank, Optional, OptionalText } from '../http/field-rules.js';
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

export class IngestJsonDto {
  @ApiPropertyOptional({ description: 'The report as plain text or markdown' })
  @IsString({ message: 'text must contain the report' })
  @IsNotBlank({ message: 'text must contain the report' })
  text: string;

  @ApiPropertyOptional()
  @Optional()
  @OptionalText(FIELD_LIMITS.fileName)
  fileName?: string;
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
