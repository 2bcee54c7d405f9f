import { Controller, Get, HttpStatus, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { ReminderPreferencesService } from '#reminders';
import { Public } from '../auth/access.decorators.js';

/**
 * One-click unsubscribe from the digest (RFC 8058): the link in the email's List-Unsubscribe
 * header, and in its footer. No sign-in: the link's secret is the credential, and all it can do is
 * turn that person's digest off. A GET only shows a button (mail scanners open links); the POST a
 * mail client sends (`List-Unsubscribe=One-Click`), or the button, does it.
 */
@ApiExcludeController()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly preferences: ReminderPreferencesService) {}

  @Get(':token')
  @Public()
  @UseGuards(ThrottlerGuard)
  async confirm(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const holder = await this.preferences.holderOf(token);
    if (!holder) return this.unknown(response);
    response.status(HttpStatus.OK).render('unsubscribe', { title: 'Stop your reminder digest', token, done: false });
  }

  @Post(':token')
  @Public()
  @UseGuards(ThrottlerGuard)
  async unsubscribe(@Param('token') token: string, @Res() response: Response): Promise<void> {
    if (!(await this.preferences.unsubscribe(token))) return this.unknown(response);
    response.status(HttpStatus.OK).render('unsubscribe', { title: 'Your reminder digest is stopped', token, done: true });
  }

  private unknown(response: Response): void {
    response.status(HttpStatus.NOT_FOUND).render('error', {
      title: 'This link does not work',
      heading: 'This link does not work',
      paragraphs: ['Copy the whole link from the email, or sign in and choose how often you get reminders on your account page.'],
    });
  }
}
