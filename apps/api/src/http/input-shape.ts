import { TrackingErrorCode, TrackingException } from '#tracking';

/** Deeper than any body the API takes; class-transformer recurses, and 100,000 levels overflow its stack. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Refuses a body or query string nested deeper than MAX_INPUT_DEPTH, or a body, query string or
 * path parameter holding a NUL character in a name or a value (PostgreSQL refuses one in any text
 * it is sent, stored or compared, so it would be a 500 there and not on SQLite). Walked with a
 * list rather than recursion, so a deep body cannot overflow this either.
 */
export function refuseHostileShape(value: unknown, where: 'body' | 'query' | 'address'): void {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) throw refusal(`The ${where} contains a NUL character (\\u0000): remove it and send the text again`);
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_INPUT_DEPTH) throw refusal(`The ${where} is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    for (const [key, child] of Object.entries(item)) {
      if (key.includes('\u0000')) throw refusal(`The ${where} contains a NUL character (\\u0000) in a field name`);
      pending.push([child, depth + 1]);
    }
  }
}

function refusal(message: string): TrackingException {
  return new TrackingException(TrackingErrorCode.INVALID_INPUT, message);
}
