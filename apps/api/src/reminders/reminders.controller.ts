import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { RemindersService } from '#reminders';
import { Caller } from '../http/request-context.decorator.js';
import { ListRemindersQueryDto, ReminderPageDto, RunSweepDto, SweepRequestDto } from './reminder.dto.js';
import { ReminderSweepRequests } from './reminder-sweep.requests.js';
import type { RequestContext } from '#core';

@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly sweeps: ReminderSweepRequests,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Reminder emails: team digests and escalations to chairs, newest day first',
    description: 'Paginated as { items, total, limit, offset }; only the authorities the caller may see. Works while Redis is down.',
  })
  @ApiOkResponse({ type: ReminderPageDto })
  list(@Query() query: ListRemindersQueryDto, @Caller() caller: RequestContext): Promise<ReminderPageDto> {
    return this.reminders.list(
      { authority: query.authority, teamId: query.team, kind: query.kind, status: query.status, date: query.date, limit: query.limit, offset: query.offset },
      caller,
    );
  }

  @Post('sweep')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Run the reminder sweep now (administrators), e.g. before a board meeting',
    description:
      'Queues the sweep of the day (today by default) for the worker. A day already swept gets only the digests it has not had: ' +
      'one per team and per chair per day, never twice. Weekends and bank holidays send nothing.',
  })
  @ApiAcceptedResponse({ type: SweepRequestDto })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator of the deployment' })
  @ApiServiceUnavailableResponse({ description: 'Redis is unavailable, so nothing could be queued' })
  sweep(@Body() body: RunSweepDto, @Caller() caller: RequestContext): Promise<SweepRequestDto> {
    return this.sweeps.request(body.date, caller);
  }
}
