import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { MAX_TOKEN_DAYS, MIN_PASSWORD_LENGTH, ROLES, type Role } from '#access';

export class LoginDto {
  @ApiProperty()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(1000)
  password: string;
}

export class CreateTokenDto {
  @ApiProperty({ description: 'What the token is for, e.g. "board pack export script"' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ minimum: 1, maximum: MAX_TOKEN_DAYS })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TOKEN_DAYS, { message: `expiresInDays must be at most ${MAX_TOKEN_DAYS}` })
  expiresInDays: number;

  @ApiPropertyOptional({ description: 'Admins only: create the token for another user' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  userId?: number;
}

export class TokenListQueryDto {
  @ApiPropertyOptional({ description: "Admins only: another user's tokens" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  userId?: number;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ description: 'Shown in the journal against their changes' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiPropertyOptional({ description: 'Omit for an account that only uses access tokens' })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long` })
  @MaxLength(1000)
  password?: string;
}

export class GrantRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ description: 'ONS code; omit only for an admin of the whole deployment' })
  @ValidateIf((dto: GrantRoleDto) => dto.role !== 'admin' || dto.authorityCode != null)
  @IsString()
  @Matches(/^[EWSN]\d{8}$/, { message: 'authorityCode must be an ONS code such as E09000005' })
  authorityCode?: string | null;

  @ApiPropertyOptional({ description: 'Required for team_member: the team whose actions they update' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  teamId?: number;
}
