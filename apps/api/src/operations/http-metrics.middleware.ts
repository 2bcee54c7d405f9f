import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiMetrics } from './api-metrics.js';

/**
 * Counts every request by the route that answered it (the pattern, `/api/actions/:id`, never the
 * path, so ids do not make new series); requests no route matched are `unmatched`.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ApiMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.metrics.latency.startTimer();
    response.on('finish', () => {
      const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
      stop({ method: request.method, route });
      this.metrics.requests.inc({ method: request.method, route, status: String(response.statusCode) });
      if (response.statusCode >= 500) this.metrics.errors.inc({ route });
      if (response.locals.extractionFailed) this.metrics.extractionFailures.inc();
    });
    next();
  }
}
