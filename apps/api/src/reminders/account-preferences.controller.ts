import { Body, Controller, Get, Patch, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeDigestChoice, type DigestChoice, ReminderPreferencesService } from '#reminders';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { ChooseDigestDto, DigestChoiceDto } from './digest-choice.dto.js';

export const ALWAYS_SENT = 'Overdue escalations to the chairs and challenges are always sent.';

/** The caller's own reminder preference: nobody can read or change anyone else's here. */
@ApiTags('reminders')
@Controller('account/preferences')
export class AccountPreferencesController {
  constructor(private readonly preferences: ReminderPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'Your reminder preference: a daily digest, a weekly digest on a weekday, or none' })
  @ApiOkResponse({ type: DigestChoiceDto })
  async read(@Req() request: AuthenticatedRequest): Promise<DigestChoiceDto> {
    return view(await this.preferences.choiceOf(request.caller!.user.id));
  }

  @Patch()
  @ApiOperation({
    summary: 'Choose your reminder preference',
    description:
      'Covers the due-soon and overdue digests only. Send { "digest": "weekly", "weekday": 5 } for Fridays, or "daily" or "none" ' +
      '(a weekday is then ignored). Overdue escalations to the chairs and challenges cannot be turned off.',
  })
  @ApiOkResponse({ type: DigestChoiceDto })
  @ApiBadRequestResponse({ description: 'An unknown digest, or a weekly digest without a weekday from 1 to 5' })
  async choose(@Body() body: ChooseDigestDto, @Req() request: AuthenticatedRequest): Promise<DigestChoiceDto> {
    const choice: DigestChoice = body.digest === 'weekly' ? { digest: 'weekly', weekday: body.weekday! } : { digest: body.digest, weekday: null };
    return view(await this.preferences.choose(request.caller!.user.id, choice));
  }
}

function view(choice: DigestChoice): DigestChoiceDto {
  return { ...choice, summary: describeDigestChoice(choice), alwaysSent: ALWAYS_SENT };
}
