import { BlockList, isIPv4 } from 'node:net';
import { Controller, ForbiddenException, Get, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessService, isGlobalAdmin } from '#access';
import { AppConfig } from '#config';
import { Public } from '../auth/access.decorators.js';
import { ApiMetrics } from './api-metrics.js';

/**
 * GET /api/metrics for Prometheus: from an address METRICS_ALLOW lists, or with an administrator's
 * token. Public to the guard only so that an allowed scraper needs no token; every other caller
 * is checked here.
 */
@Controller('metrics')
export class MetricsController {
  private readonly allowed: BlockList;

  constructor(
    private readonly metrics: ApiMetrics,
    private readonly access: AccessService,
    config: AppConfig,
  ) {
    this.allowed = allowList(config.METRICS_ALLOW);
  }

  @Get()
  @Public()
  @ApiExcludeEndpoint()
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.fromAllowedAddress(request)) await this.requireAdmin(request);
    response.set('Content-Type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }

  private fromAllowedAddress(request: Request): boolean {
    const address = (request.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.)/, '');
    if (!address) return false;
    return this.allowed.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
  }

  private async requireAdmin(request: Request): Promise<void> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const caller = scheme?.toLowerCase() === 'bearer' && token ? await this.access.authenticateToken(token) : null;
    if (!caller) throw new UnauthorizedException('Metrics are for an administrator\'s access token, or for an address METRICS_ALLOW lists');
    if (!isGlobalAdmin(caller.context)) throw new ForbiddenException('Only an administrator of the whole deployment may read the metrics');
  }
}

function allowList(setting: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (setting ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}
