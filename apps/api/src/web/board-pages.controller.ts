import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn } from 'class-validator';
import { RepeatLinksService } from '#board';
import { Permission } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { Id } from '../http/field-rules.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { readForm } from './web-forms.js';
import { Transform } from 'class-transformer';

const integer = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value) : value);

class RepeatDecisionForm {
  @IsIn(['confirmed', 'dismissed'], { message: 'Choose whether to confirm or dismiss the link' })
  status: 'confirmed' | 'dismissed';

  @Transform(integer)
  @Id()
  action: number;
}

/** The board's own forms: confirming or dismissing a recommendation made before. */
@ApiExcludeController()
@Controller()
export class BoardPagesController {
  constructor(private readonly repeats: RepeatLinksService) {}

  @Post('repeat-links/:id')
  @Permission('report.update')
  async decideRepeat(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const { form, problems } = await readForm(RepeatDecisionForm, body, ['status']);
    // The service checks the link is the caller's to decide before it checks the decision itself.
    const link = await this.repeats.decide(id, form.status, request.caller!.context);
    const back = !problems.byField.action && [link.later.actionId, link.earlier.actionId].includes(form.action) ? form.action : link.later.actionId;
    response.redirect(303, `/actions/${back}?saved=repeat#repeats-heading`);
  }
}
