import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { TeamsService } from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import { Caller } from '../http/request-context.decorator.js';
import { CreateTeamDto, TeamListQueryDto, TeamResponseDto, UpdateTeamDto } from './team.dto.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import type { RequestContext } from '#core';

@ApiTags('teams')
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: 'Teams, by authority then name' })
  @ApiOkResponse({ type: [TeamResponseDto] })
  list(@Query() query: TeamListQueryDto, @Caller() caller: RequestContext): Promise<TeamResponseDto[]> {
    return this.teams.list(caller, query.authority);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One team' })
  @ApiOkResponse({ type: TeamResponseDto })
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<TeamResponseDto> {
    return this.teams.get(id, caller);
  }

  @Post()
  @Permission('team.manage')
  @ApiOperation({ summary: 'Add a team to an authority' })
  @ApiCreatedResponse({ type: TeamResponseDto })
  @ApiErrors(409)
  create(@Body() body: CreateTeamDto, @Caller() caller: RequestContext): Promise<TeamResponseDto> {
    return this.teams.create(body, caller);
  }

  @Patch(':id')
  @Permission('team.manage')
  @ApiOperation({ summary: 'Rename a team or change its emails and keywords' })
  @ApiOkResponse({ type: TeamResponseDto })
  @ApiErrors(409)
  update(@Param('id', ParseIdPipe) id: number, @Body() body: UpdateTeamDto, @Caller() caller: RequestContext): Promise<TeamResponseDto> {
    return this.teams.update(id, body, caller);
  }

  @Delete(':id')
  @Permission('team.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a team that owns no actions (409 otherwise)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(409)
  async remove(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<void> {
    await this.teams.remove(id, caller);
  }
}
