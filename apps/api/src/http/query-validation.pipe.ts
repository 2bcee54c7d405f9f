import { type ArgumentMetadata, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { refuseHostileShape } from './input-shape.js';

/**
 * The application's ValidationPipe, which remembers the outcome for query strings it has already
 * validated. A query DTO depends on nothing but the query string, and validating one cost more than
 * answering a cached list, which is asked for with the same query string again and again. Bodies
 * and path parameters are validated every time as usual; failures are never remembered.
 *
 * Each request gets its own copy, and the remembered one is frozen, so a handler that changed its
 * query object would fail loudly rather than change what later requests receive.
 */
export class QueryValidationPipe extends ValidationPipe {
  private readonly validQueries = new LRUCache<string, object>({ max: 2_000 });

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') refuseHostileShape(value, metadata.type);
    if (metadata.type === 'param') refuseHostileShape(value, 'address');
    if (metadata.type !== 'query' || typeof metadata.metatype !== 'function' || !isFlatQuery(value)) return super.transform(value, metadata);
    const key = `${metadata.metatype.name}\u0000${JSON.stringify(value)}`;
    let valid = this.validQueries.get(key);
    if (!valid) {
      valid = (await super.transform(value, metadata)) as object;
      this.validQueries.set(key, freezeValues(valid));
    }
    return Object.assign(Object.create(Object.getPrototypeOf(valid) as object | null) as object, valid);
  }
}

/** What Express makes of a query string: names mapped to text or lists of text. */
function isFlatQuery(value: unknown): value is Record<string, string | string[]> {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every((item) => typeof item === 'string' || (Array.isArray(item) && item.every((part) => typeof part === 'string')));
}

function freezeValues<T extends object>(dto: T): T {
  for (const item of Object.values(dto)) if (typeof item === 'object' && item !== null) Object.freeze(item);
  return Object.freeze(dto);
}
