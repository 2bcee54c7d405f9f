import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { MAX_TOKEN_DAYS, MIN_PASSWORD_LENGTH } from '#access';
import { Email, FIELD_LIMITS, Id, NewPassword, Optional, PresentedPassword, RequiredText, TokenName } from '../http/field-rules.js';
import { type Role, ROLES } from '#core';

export class LoginDto {
  @ApiProperty()
  @Email()
  email: string;

  @ApiProperty()
  @PresentedPassword()
  password: string;
}

export class CreateTokenDto {
  @ApiProperty({ description: 'What the token is for, e.g. "board pack export script"' })
  @TokenName()
  name: string;

  @ApiProperty({ minimum: 1, maximum: MAX_TOKEN_DAYS })
  @Type(() => Number)
  @IsInt({ message: `expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}` })
  @Min(1, { message: `expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}` })
  @Max(MAX_TOKEN_DAYS, { message: `expiresInDays must be at most ${MAX_TOKEN_DAYS}` })
  expiresInDays: number;

  @ApiPropertyOptional({ description: 'Admins only: create the token for another user' })
  @Optional()
  @Type(() => Number)
  @Id()
  userId?: number;
}

export class TokenListQueryDto {
  @ApiPropertyOptional({ description: "Admins only: another user's tokens" })
  @Optional()
  @Type(() => Number)
  @Id()
  userId?: number;
}

export class CreateUserDto {
  @ApiProperty()
  @Email()
  email: string;

  @ApiProperty({ description: 'Shown in the journal against their changes' })
  @RequiredText(FIELD_LIMITS.displayName)
  displayName: string;

  @ApiPropertyOptional({ description: `Omit for an account that only uses access tokens; at least ${MIN_PASSWORD_LENGTH} characters` })
  @Optional()
  @NewPassword()
  password?: string;
}

export class GrantRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'ONS code; omit only for an admin of the whole deployment' })
  @ValidateIf((dto: GrantRoleDto) => dto.role !== 'admin' || dto.authorityCode != null)
  @IsString()
  @Matches(/^[EWSN]\d{8}$/, { message: 'authorityCode must be an ONS code such as E09000005' })
  authorityCode?: string | null;

  @ApiPropertyOptional({ description: 'Required for team_member: the team whose actions they update' })
  @Optional()
  @Type(() => Number)
  @Id()
  teamId?: number;
}
