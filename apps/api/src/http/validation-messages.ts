/** A validation error's messages, nested ones prefixed with the path to them ("recommendations.0.timeframe ..."). */
export function collectMessages(error: { property: string; constraints?: Record<string, string>; children?: unknown[] }): string[] {
  const own = Object.values(error.constraints ?? {});
  const nested = (error.children ?? []).flatMap((child) => collectMessages(child as typeof error).map((message) => `${error.property}.${message}`));
  return [...own, ...nested];
}
