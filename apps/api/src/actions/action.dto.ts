import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Max, MaxLength, ValidateNested } from 'class-validator';
import { MilestoneDto } from './governance.dto.js';
import type { ActionSort } from '#tracking';
import {
  CalendarDate,
  EvidenceLinkList,
  FIELD_LIMITS,
  Id,
  MAX_OFFSET,
  Offset,
  Optional,
  OptionalOrNull,
  OptionalText,
  RequiredText,
  Title,
  Version,
} from '../http/field-rules.js';
import { CommaList, QueryBoolean, QueryInteger } from '../http/query-transforms.js';
import { PROPOSE_COMPLETION } from '#governance';
import { ACTION_STATUSES, type ActionStatus, type Addressee, ADDRESSEES, type Rag, RAGS, type Timeframe, TIMEFRAMES } from '#core';

/** What a client may ask for: the statuses, and `completed` meaning "propose completion". */
const REQUESTABLE_STATUSES = [...ACTION_STATUSES, PROPOSE_COMPLETION];

const SORTS: ActionSort[] = ['dueDate', '-dueDate', 'id', '-id', 'updatedAt', '-updatedAt', 'status', 'title'];

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @QueryInteger()
  @IsOptional()
  @Id({ invalid: 'limit must be a whole number from 1 to 100' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit = 25;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @QueryInteger()
  @IsOptional()
  @Offset()
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
  @Id()
  team?: number;
}

export class ListActionsQueryDto extends OverdueQueryDto {
  @ApiPropertyOptional()
  @QueryInteger()
  @IsOptional()
  @Id()
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

  @ApiPropertyOptional({ description: 'true: actions whose due date is no longer the original one' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  reprogrammed?: boolean;

  @ApiPropertyOptional({ example: '2025-06-30' })
  @IsOptional()
  @CalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ example: '2025-01-01' })
  @IsOptional()
  @CalendarDate()
  dueAfter?: string;

  @ApiPropertyOptional({ description: 'Text search in the title and the recommendation' })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.search)
  q?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'dueDate', description: 'A leading - sorts descending' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: ActionSort;
}

export class UpdateActionDto {
  @ApiPropertyOptional({ description: 'The version you loaded; alternatively send If-Match with the ETag' })
  @Optional()
  @Version()
  version?: number;

  @ApiPropertyOptional({
    enum: REQUESTABLE_STATUSES,
    description: 'completed proposes completion (needs a note and evidence) and is stored as awaiting_sign_off; only the board signs off or returns',
  })
  @Optional()
  @IsIn(REQUESTABLE_STATUSES, { message: `status must be one of ${REQUESTABLE_STATUSES.join(', ')}` })
  status?: ActionStatus | typeof PROPOSE_COMPLETION;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null leaves the action unassigned' })
  @OptionalOrNull()
  @Id()
  teamId?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalOrNull()
  @OptionalText(FIELD_LIMITS.leadOfficer)
  leadOfficer?: string | null;

  @ApiPropertyOptional()
  @Optional()
  @Title()
  title?: string;

  @ApiPropertyOptional({ example: '2025-09-30', description: 'Requires dueDateReason' })
  @Optional()
  @CalendarDate()
  dueDate?: string;

  @ApiPropertyOptional()
  @Optional()
  @RequiredText(FIELD_LIMITS.reason)
  dueDateReason?: string;

  @ApiPropertyOptional({ enum: RAGS, nullable: true, description: 'null removes an override; a value requires ragOverrideNote' })
  @OptionalOrNull()
  @IsIn(RAGS, { message: `ragOverride must be one of ${RAGS.join(', ')}, or null` })
  ragOverride?: Rag | null;

  @ApiPropertyOptional()
  @Optional()
  @RequiredText(FIELD_LIMITS.reason)
  ragOverrideNote?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'What will be done to meet the recommendation' })
  @OptionalOrNull()
  @OptionalText(FIELD_LIMITS.note)
  whatWillBeDone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'How the board will know it worked: the evidence of impact expected' })
  @OptionalOrNull()
  @OptionalText(FIELD_LIMITS.note)
  successMeasure?: string | null;

  @ApiPropertyOptional({ description: 'Recorded in the journal with the change; the closing note when proposing completion, the reason when returning or reopening' })
  @Optional()
  @OptionalText(FIELD_LIMITS.note)
  note?: string;

  @ApiPropertyOptional({ type: [String], description: 'Evidence links recorded with the change, e.g. when proposing completion' })
  @Optional()
  @EvidenceLinkList()
  evidenceLinks?: string[];
}

export class ProgressUpdateDto {
  @ApiProperty({ description: 'What has been done since the last update' })
  @RequiredText(FIELD_LIMITS.note)
  note: string;

  @ApiPropertyOptional({ type: [String], description: 'Links to evidence (audits, minutes, documents): full http:// or https:// addresses' })
  @Optional()
  @EvidenceLinkList()
  evidenceLinks?: string[];
}

export class CreateActionDto {
  @ApiProperty({ description: 'The recommendation this action works towards' })
  @Id()
  recommendationId: number;

  @ApiPropertyOptional()
  @Optional()
  @Title()
  title?: string;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @OptionalOrNull()
  @Id()
  teamId?: number | null;

  @ApiPropertyOptional()
  @Optional()
  @OptionalText(FIELD_LIMITS.leadOfficer)
  leadOfficer?: string;

  @ApiPropertyOptional({ example: '2025-09-30' })
  @Optional()
  @CalendarDate()
  dueDate?: string;

  @ApiPropertyOptional()
  @Optional()
  @RequiredText(FIELD_LIMITS.reason)
  dueDateReason?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'What will be done to meet the recommendation' })
  @OptionalOrNull()
  @OptionalText(FIELD_LIMITS.note)
  whatWillBeDone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'How the board will know it worked: the evidence of impact expected' })
  @OptionalOrNull()
  @OptionalText(FIELD_LIMITS.note)
  successMeasure?: string | null;

  @ApiPropertyOptional({ type: [MilestoneDto], description: 'Steps on the way, each a title and a date (today or later)' })
  @Optional()
  @IsArray({ message: 'milestones must be a list of { title, dueDate }' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones?: MilestoneDto[];
}

export const ETAG_PATTERN = /^(W\/)?"(\d+)"$/;
