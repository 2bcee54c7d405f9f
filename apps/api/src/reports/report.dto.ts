import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength, Validate } from 'class-validator';
import { IsCalendarDate } from '../actions/action.dto.js';
import { QueryBoolean } from '../http/query-transforms.js';

export class IngestQueryDto {
  @ApiPropertyOptional({ description: 'true returns the extracted draft and saves nothing' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ example: '2015-01-20', description: 'Overrides the baseline the due dates are counted from' })
  @IsOptional()
  @Validate(IsCalendarDate)
  baselineDate?: string;

  @ApiPropertyOptional({ example: 'E09000031', description: "ONS code, needed only when the report names no recognisable council" })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  authorityCode?: string;

  @ApiPropertyOptional({ description: 'Name recorded as the source of a text body' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;
}

export class IngestJsonDto {
  @ApiPropertyOptional({ description: 'The report as plain text or markdown' })
  @IsString()
  @IsNotEmpty({ message: 'text must contain the report' })
  text: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;
}

export class UpdateReportDto {
  @ApiPropertyOptional({ example: '2015-01-20', description: 'Moves every due date that was not re-programmed by hand' })
  @Validate(IsCalendarDate)
  baselineDate: string;
}

export class ReportListQueryDto {
  @ApiPropertyOptional({ example: 'E09000031' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  authority?: string;
}
