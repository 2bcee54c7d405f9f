import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ListActionsQueryDto } from '../src/actions/action.dto.js';
import { QueryValidationPipe } from '../src/http/query-validation.pipe.js';

const query = { type: 'query' as const, metatype: ListActionsQueryDto, data: undefined };
const newPipe = () => new QueryValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

describe('QueryValidationPipe', () => {
  it('gives every request its own validated copy of a query string seen before', async () => {
    const pipe = newPipe();
    const first = (await pipe.transform({ overdue: 'true', status: 'in_progress,blocked', limit: '50' }, query)) as ListActionsQueryDto;
    const second = (await pipe.transform({ overdue: 'true', status: 'in_progress,blocked', limit: '50' }, query)) as ListActionsQueryDto;
    expect(first).toBeInstanceOf(ListActionsQueryDto);
    expect(second).toBeInstanceOf(ListActionsQueryDto);
    expect(second).not.toBe(first);
    expect({ ...second }).toEqual({ ...first });
    expect(second).toMatchObject({ overdue: true, status: ['in_progress', 'blocked'], limit: 50, offset: 0 });
  });

  it('refuses a changed list, so one request cannot alter what the next receives', async () => {
    const pipe = newPipe();
    const first = (await pipe.transform({ status: 'blocked' }, query)) as ListActionsQueryDto;
    expect(() => (first.status as string[]).push('completed')).toThrow(TypeError);
    const second = (await pipe.transform({ status: 'blocked' }, query)) as ListActionsQueryDto;
    expect(second.status).toEqual(['blocked']);
  });

  it('refuses a bad query string every time it comes', async () => {
    const pipe = newPipe();
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(pipe.transform({ limit: '500' }, query)).rejects.toBeInstanceOf(BadRequestException);
      await expect(pipe.transform({ colour: 'red' }, query)).rejects.toBeInstanceOf(BadRequestException);
    }
  });

  it('validates bodies as usual', async () => {
    const pipe = newPipe();
    await expect(pipe.transform({ limit: '500' }, { ...query, type: 'body' })).rejects.toBeInstanceOf(BadRequestException);
  });
});
