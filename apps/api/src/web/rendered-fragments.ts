import type { Response } from 'express';
import { LRUCache } from 'lru-cache';
import type nunjucks from 'nunjucks';

/**
 * A part of a page rendered once for each distinct set of values it shows, then reused. What a
 * template renders depends on nothing but the template and its values, and the values (as JSON)
 * are the key, so any change to them renders afresh; there is nothing to invalidate. For parts
 * built from many GOV.UK macros that show the same values request after request: the actions
 * list's filter form (five sets of checkboxes and two selects) cost a fifth of that page.
 * Only plain data belongs in `values`: what JSON.stringify cannot tell apart, this cannot either.
 */
export class RenderedFragments {
  private readonly rendered = new LRUCache<string, string>({ max: 500 });

  constructor(private readonly template: string) {}

  render(response: Response, values: Record<string, unknown>): string {
    const key = JSON.stringify(values);
    let html = this.rendered.get(key);
    if (html === undefined) {
      // The environment configureWeb gave Express (Nunjucks's express() keeps it as a setting).
      const environment = response.app.get('nunjucksEnv') as nunjucks.Environment;
      html = environment.render(this.template, values);
      this.rendered.set(key, html);
    }
    return html;
  }
}
