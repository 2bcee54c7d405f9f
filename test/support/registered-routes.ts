import type { TestApi } from './test-api.js';

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every method and path registered on the Express router, as "METHOD /path", sorted. A route
 * answering every method is listed as "ALL /path": that is how middleware bound to routes appears,
 * and an @All() handler would too. Tests walk this list so that a new route is covered the day it
 * is added.
 */
export function registeredRoutes(api: TestApi): string[] {
  const express = api.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const path of paths) {
      const methods = Object.entries(layer.route.methods).filter(([method, enabled]) => enabled && method !== '_all').map(([method]) => method.toUpperCase());
      if (methods.length > 5) routes.add(`ALL ${path}`);
      else for (const method of methods) routes.add(`${method} ${path}`);
    }
  }
  return [...routes].sort();
}

/** The names of a route pattern's parameters, in order: `/a/:id/b/:fileId` gives `id`, `fileId`. */
export function routeParameters(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((match) => match[1]);
}
