import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import type { TeamView } from '#tracking';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { EmailList, FIELD_LIMITS, KeywordList, Optional, TeamName } from '../http/field-rules.js';

export class CreateTeamDto {
  @ApiProperty({ example: 'E09000031' })
  @IsString()
  @MaxLength(FIELD_LIMITS.authorityCode)
  authorityCode: string;

  @ApiProperty({ example: 'Children with disabilities team' })
  @TeamName()
  name: string;

  @ApiPropertyOptional({ type: [String], description: 'Where reminders for the team go' })
  @Optional()
  @EmailList()
  emails?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Phrases that route new recommendations to the team' })
  @Optional()
  @KeywordList()
  keywords?: string[];
}

/** Any of the team's fields; a field sent must have a value (null cannot empty a name or a list: send [] instead). */
export class UpdateTeamDto extends PartialType(OmitType(CreateTeamDto, ['authorityCode'] as const), { skipNullProperties: false }) {}

export class TeamListQueryDto {
  @ApiPropertyOptional({ example: 'E09000031' })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.authorityCode)
  authority?: string;
}

/** A team as the API answers it. */
export class TeamResponseDto implements TeamView {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'E09000031' }) authorityCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: 'Where its reminders go' }) emails: string[];
  @ApiProperty({ type: [String], description: 'Words in a recommendation that route its action to this team' }) keywords: string[];
}
