import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TokenView, UserView } from '#access';
import { type Role, ROLES } from '#core';

const INSTANT = { type: String, format: 'date-time' } as const;
const NULLABLE_INSTANT = { ...INSTANT, nullable: true } as const;

export class RoleGrantDto {
  @ApiProperty({ description: 'Pass it to DELETE /api/users/{id}/roles/{roleId}' }) id: number;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true, description: 'null only for an admin of the whole deployment' }) authorityCode: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "The team a team_member works in" }) teamId: number | null;
}

export class UserDto implements UserView {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'Has a password: without one, only access tokens work' }) canSignIn: boolean;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'Set when an admin deactivated the account' }) deactivatedAt: string | null;
  @ApiProperty({ description: 'Bound to a single sign-on identity' }) usesSingleSignOn: boolean;
  @ApiProperty({ type: [RoleGrantDto] }) roles: RoleGrantDto[];
  @ApiProperty(INSTANT) createdAt: string;
}

export class LoginResponseDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ description: 'Send it as X-CSRF-Token with every write made with the session cookie' }) csrfToken: string;
  @ApiProperty({ ...INSTANT, description: 'When the session ends' }) expiresAt: string;
}

export class MeDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({
    oneOf: [{ type: 'string', enum: ['all'] }, { type: 'array', items: { type: 'string' } }],
    description: "'all' for an admin of the whole deployment, else the ONS codes of the councils you may see",
  })
  authorities: 'all' | readonly string[];
  @ApiProperty({ enum: ['token', 'session'] }) method: 'token' | 'session';
  @ApiPropertyOptional({ description: 'For a browser session only: send it as X-CSRF-Token with every write' }) csrfToken?: string;
}

export class TokenDto implements TokenView {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() userId: number;
  @ApiProperty(INSTANT) expiresAt: string;
  @ApiProperty(NULLABLE_INSTANT) revokedAt: string | null;
  @ApiProperty(NULLABLE_INSTANT) lastUsedAt: string | null;
  @ApiProperty(INSTANT) createdAt: string;
}

export class CreatedTokenDto extends TokenDto {
  @ApiProperty({ description: 'The token itself, shown this once: send it as "Authorization: Bearer <token>"', example: 'it_pat_...' }) token: string;
  @ApiProperty() notice: string;
}
