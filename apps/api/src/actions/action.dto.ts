import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { isIsoDate, RAGS, TIMEFRAMES, type Rag, type Timeframe } from '#deadlines';
import { ACTION_STATUSES, type ActionStatus } from '#database';
import { ADDRESSEES, type Addressee } from '#extraction';
import type { ActionSort } from '#tracking';
import { CommaList, QueryBoolean, QueryInteger } from '../http/query-transforms.js';

@ValidatorConstraint({ name: 'isCalendarDate' })
export class IsCalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isIsoDate(value);
  }
  defaultMessage(args?: ValidationArguments): string {
    return `${args?.property ?? 'value'} must be a real calendar date in the form YYYY-MM-DD`;
  }
}

const SORTS: ActionSort[] = ['dueDate', '-dueDate', 'id', '-id', 'updatedAt', '-updatedAt', 'status', 'title'];

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @QueryInteger()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 25;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @QueryInteger()
  @IsOptional()
  @IsInt()
  @Min(0)
  offset = 0;
}

export class OverdueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'ONS code of the authority, e.g. E09000031' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  authority?: string;

  @ApiPropertyOptional({ enum: ADDRESSEES, isArray: true, description: 'Comma-separated; addressee=lscb for the LSCB chair' })
  @CommaList()
  @IsOptional()
  @IsIn(ADDRESSEES, { each: true })
  addressee?: Addressee[];

  @ApiPropertyOptional()
  @QueryInteger()
  @IsOptional()
  @IsInt()
  team?: number;
}

export class ListActionsQueryDto extends OverdueQueryDto {
  @ApiPropertyOptional()
  @QueryInteger()
  @IsOptional()
  @IsInt()
  report?: number;

  @ApiPropertyOptional({ description: 'true lists actions that have no owning team yet' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  unassigned?: boolean;

  @ApiPropertyOptional({ enum: ACTION_STATUSES, isArray: true })
  @CommaList()
  @IsOptional()
  @IsIn(ACTION_STATUSES, { each: true })
  status?: ActionStatus[];

  @ApiPropertyOptional({ enum: TIMEFRAMES, isArray: true })
  @CommaList()
  @IsOptional()
  @IsIn(TIMEFRAMES, { each: true })
  timeframe?: Timeframe[];

  @ApiPropertyOptional({ enum: RAGS, isArray: true })
  @CommaList()
  @IsOptional()
  @IsIn(RAGS, { each: true })
  rag?: Rag[];

  @ApiPropertyOptional({ description: 'true: open actions past their due date' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ example: '2025-06-30' })
  @IsOptional()
  @Validate(IsCalendarDate)
  dueBefore?: string;

  @ApiPropertyOptional({ example: '2025-01-01' })
  @IsOptional()
  @Validate(IsCalendarDate)
  dueAfter?: string;

  @ApiPropertyOptional({ description: 'Text search in the title and the recommendation' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'dueDate', description: 'A leading - sorts descending' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: ActionSort;
}

export class UpdateActionDto {
  @ApiPropertyOptional({ description: 'The version you loaded; alternatively send If-Match with the ETag' })
  @IsOptional()
  @IsInt()
  version?: number;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ nullable: true, description: 'null leaves the action unassigned' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  teamId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  leadOfficer?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: '2025-09-30', description: 'Requires dueDateReason' })
  @IsOptional()
  @Validate(IsCalendarDate)
  dueDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  dueDateReason?: string;

  @ApiPropertyOptional({ enum: RAGS, nullable: true, description: 'null removes an override; a value requires ragOverrideNote' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(RAGS)
  ragOverride?: Rag | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  ragOverrideNote?: string;

  @ApiPropertyOptional({ description: 'Recorded in the journal with the change' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  note?: string;
}

export class ProgressUpdateDto {
  @ApiProperty({ description: 'What has been done since the last update' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  note: string;

  @ApiPropertyOptional({ type: [String], description: 'Links to evidence (audits, minutes, documents)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ require_protocol: true }, { each: true, message: 'each value in evidenceLinks must be a full http(s) URL' })
  evidenceLinks?: string[];
}

export class CreateActionDto {
  @ApiProperty({ description: 'The recommendation this action works towards' })
  @IsInt()
  recommendationId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  teamId?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  leadOfficer?: string;

  @ApiPropertyOptional({ example: '2025-09-30' })
  @IsOptional()
  @Validate(IsCalendarDate)
  dueDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  dueDateReason?: string;
}

export const ETAG_PATTERN = /^(W\/)?"(\d+)"$/;
