import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** One structured line per request; bodies, cookies and tokens are never logged. */
@Injectable()
export class RequestLoggerMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      this.logger.log({ method: request.method, path: request.originalUrl.split('?')[0], status: response.statusCode, durationMs: Math.round(durationMs * 10) / 10 });
    });
    next();
  }
}
