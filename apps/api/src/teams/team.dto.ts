import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateTeamDto {
  @ApiProperty({ example: 'E09000031' })
  @IsString()
  @MaxLength(16)
  authorityCode: string;

  @ApiProperty({ example: 'Children with disabilities team' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: [String], description: 'Where reminders for the team go' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'each value in emails must be an email address' })
  emails?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Phrases that route new recommendations to the team' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  keywords?: string[];
}

export class UpdateTeamDto extends PartialType(OmitType(CreateTeamDto, ['authorityCode'] as const)) {}

export class TeamListQueryDto {
  @ApiPropertyOptional({ example: 'E09000031' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  authority?: string;
}
