import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserDto } from './auth-response.dto.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { AccessService, type UserView } from '#access';
import { Permission } from './access.decorators.js';
import { CreateUserDto, GrantRoleDto } from './auth.dto.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';

/** Accounts and their roles: for admins of the whole deployment only. */
@ApiTags('users')
@Controller('users')
@Permission('users.manage')
export class UsersController {
  constructor(private readonly access: AccessService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a user (without a password, the account can only use access tokens)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(409)
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.access.createUser(body);
  }

  @Get()
  @ApiOperation({ summary: 'Every user with their roles' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserView[]> {
    return this.access.listUsers();
  }

  @Post(':id/roles')
  @HttpCode(201)
  @ApiOperation({ summary: 'Give a user a role in an authority (team_member: in a team)' })
  @ApiCreatedResponse({ type: UserDto, description: 'The user with the new role' })
  @ApiErrors(409)
  grant(@Param('id', ParseIdPipe) id: number, @Body() body: GrantRoleDto): Promise<UserView> {
    return this.access.grantRole(id, { role: body.role, authorityCode: body.authorityCode ?? null, teamId: body.teamId ?? null });
  }

  @Delete(':id/roles/:roleId')
  @ApiOperation({ summary: 'Take a role away' })
  @ApiOkResponse({ type: UserDto, description: 'The user without the role' })
  revoke(@Param('id', ParseIdPipe) id: number, @Param('roleId', ParseIdPipe) roleId: number): Promise<UserView> {
    return this.access.revokeRole(id, roleId);
  }
}
