import type { Response } from 'express';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { RenderedFragments } from '../src/web/rendered-fragments.js';

/** One template, counting how often it is rendered. */
function withTemplate(source: string): { response: Response; renders: () => number } {
  let renders = 0;
  const loader = { getSource: (name: string) => ({ src: source, path: name, noCache: false }) };
  const environment = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, { autoescape: true });
  environment.addGlobal('counted', () => {
    renders += 1;
    return '';
  });
  const response = { app: { get: (setting: string) => (setting === 'nunjucksEnv' ? environment : undefined) } } as unknown as Response;
  return { response, renders: () => renders };
}

describe('RenderedFragments', () => {
  it('renders once for the same values, afresh for any change to them, and escapes as the page would', () => {
    const { response, renders } = withTemplate('{{ counted() }}<p>{{ name }}: {% for team in teams %}{{ team.name }};{% endfor %}</p>');
    const fragments = new RenderedFragments('part.njk');
    const values = { name: '<Brent>', teams: [{ id: 1, name: 'Early help' }] };
    expect(fragments.render(response, values)).toBe('<p>&lt;Brent&gt;: Early help;</p>');
    expect(fragments.render(response, { name: '<Brent>', teams: [{ id: 1, name: 'Early help' }] })).toBe('<p>&lt;Brent&gt;: Early help;</p>');
    expect(renders()).toBe(1);
    expect(fragments.render(response, { name: '<Brent>', teams: [{ id: 1, name: 'Early Help' }] })).toBe('<p>&lt;Brent&gt;: Early Help;</p>');
    expect(fragments.render(response, { name: '<Brent>', teams: [] })).toBe('<p>&lt;Brent&gt;: </p>');
    expect(renders()).toBe(3);
  });
});
