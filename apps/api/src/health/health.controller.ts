import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators.js';
import { RedisHealthProbe } from './redis-health.probe.js';

class DependencyHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ example: 'sqlite', description: 'The database driver' }) type?: string;
  @ApiPropertyOptional({ description: 'Why it is down' }) error?: string;
}

class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'], description: 'degraded: Redis is down, so reminders stop; everything else works' }) status: 'ok' | 'degraded' | 'down';
  @ApiProperty({ type: DependencyHealthDto }) database: DependencyHealthDto;
  @ApiProperty({ type: DependencyHealthDto }) redis: DependencyHealthDto;
}

class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisHealthProbe,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Database and Redis, reported separately',
    description: '200 while the database answers (Redis down only stops reminders: status "degraded"); 503 when the database does not.',
  })
  @ApiOkResponse({ type: () => HealthDto })
  @ApiServiceUnavailableResponse({ type: () => HealthDto, description: 'The database does not answer' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([this.checkDatabase(), this.redis.check()]);
    const status = database.status === 'down' ? 'down' : redis.status === 'down' ? 'degraded' : 'ok';
    response.status(database.status === 'down' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return { status, database, redis };
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: answers without touching the database or Redis' })
  @ApiOkResponse({ type: () => LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  private async checkDatabase(): Promise<{ status: 'up' | 'down'; type: string; error?: string }> {
    const type = this.dataSource.options.type;
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'up', type };
    } catch (error) {
      return { status: 'down', type, error: (error as Error).message };
    }
  }
}
