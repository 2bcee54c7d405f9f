import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CouncilDataService } from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { AdminPageQuery } from './page-queries.js';
import { PageShell } from './page-shell.service.js';

/**
 * A council's data for an administrator of the deployment: what is held, an export of all of it,
 * and its deletion after a confirmation page naming what will go. The same work as the
 * export-council and delete-council commands, for admins without a shell on the server.
 */
@ApiExcludeController()
@Controller('authorities/:code/data')
@Permission('deployment.operate')
export class CouncilDataController {
  constructor(
    private readonly shell: PageShell,
    private readonly councilData: CouncilDataService,
  ) {}

  @Get()
  async page(@Param('code') code: string, @Query() query: AdminPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.authority(context, code);
    const summary = await this.councilData.summary(authority.code);
    response.render('council-data', {
      title: `${authority.name}: council data`,
      layout: this.shell.layout(request, 'admin', authority),
      admin: this.shell.adminNavigation(context, authority, 'data'),
      authority,
      summary,
      notice: query.saved === 'deleted' ? `The data of ${authority.name} was deleted.` : undefined,
    });
  }

  @Get('export')
  async download(@Param('code') code: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const authority = await this.shell.authority(request.caller!.context, code);
    const exported = await this.councilData.exportCouncil(authority.code);
    response
      .status(200)
      .set({ 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${exported.fileName}"`, 'Content-Length': String(exported.archive.length) })
      .end(exported.archive);
  }

  @Get('delete')
  async confirm(@Param('code') code: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.authority(context, code);
    const summary = await this.councilData.summary(authority.code);
    response.render('council-data-delete', {
      title: `Delete the data of ${authority.name}`,
      layout: this.shell.layout(request, 'admin', authority),
      authority,
      summary,
    });
  }

  @Post('delete')
  async delete(@Param('code') code: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const authority = await this.shell.authority(request.caller!.context, code);
    await this.councilData.deleteCouncil(authority.code);
    response.redirect(303, `/authorities/${encodeURIComponent(authority.code)}/data?saved=deleted`);
  }
}
