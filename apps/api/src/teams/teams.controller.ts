import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TeamsService } from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import { Caller } from '../http/request-context.decorator.js';
import { CreateTeamDto, TeamListQueryDto, UpdateTeamDto } from './team.dto.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import type { RequestContext } from '#core';

@ApiTags('teams')
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  list(@Query() query: TeamListQueryDto, @Caller() caller: RequestContext) {
    return this.teams.list(caller, query.authority);
  }

  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext) {
    return this.teams.get(id, caller);
  }

  @Post()
  @Permission('team.manage')
  create(@Body() body: CreateTeamDto, @Caller() caller: RequestContext) {
    return this.teams.create(body, caller);
  }

  @Patch(':id')
  @Permission('team.manage')
  update(@Param('id', ParseIdPipe) id: number, @Body() body: UpdateTeamDto, @Caller() caller: RequestContext) {
    return this.teams.update(id, body, caller);
  }

  @Delete(':id')
  @Permission('team.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a team that owns no actions (409 otherwise)' })
  async remove(@Param('id', ParseIdPipe) id: number, @Caller() caller: RequestContext): Promise<void> {
    await this.teams.remove(id, caller);
  }
}
