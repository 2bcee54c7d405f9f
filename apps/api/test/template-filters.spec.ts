import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { TemplateLoader, trimFilter } from '../src/web/template-filters.js';

// Nunjucks's own filter, to compare against: the replacement must say exactly the same.
const nunjucksTrim = (createRequire(import.meta.url)('nunjucks/src/filters.js') as { trim: (value: unknown) => unknown }).trim;

describe('trimFilter', () => {
  it('removes what Nunjucks’s trim removes, every kind of white space and line break included', () => {
    const samples = ['', ' ', 'a', '  a b  ', '\n\t<p>x</p>\r\n', '\u00a0\u2003x\u2028\ufeff', `${' '.repeat(731)}<div>${' '.repeat(731)}</div>${' '.repeat(731)}`, 'a\u180eb'];
    for (const sample of samples) {
      expect(trimFilter(sample), JSON.stringify(sample)).toBe(nunjucksTrim(sample));
      const safe = new nunjucks.runtime.SafeString(sample);
      expect(trimFilter(safe)).toBeInstanceOf(nunjucks.runtime.SafeString);
      expect(String(trimFilter(safe))).toBe(String(nunjucksTrim(safe)));
    }
  });

  it('keeps plain text plain, so autoescaping still escapes it', () => {
    const environment = new nunjucks.Environment(null, { autoescape: true });
    environment.addFilter('trim', trimFilter);
    expect(environment.renderString('{{ text | trim }}|{{ html | safe | trim }}', { text: ' <b> ', html: ' <b> ' })).toBe('&lt;b&gt;|<b>');
  });
});

describe('TemplateLoader', () => {
  it('finds the template Nunjucks’s own loader finds, asked once or many times', () => {
    const paths = [fileURLToPath(new URL('../web/views', import.meta.url))];
    const ours = new TemplateLoader(paths);
    const theirs = new nunjucks.FileSystemLoader(paths);
    for (let round = 0; round < 2; round++) {
      for (const [from, to] of [
        ['/srv/govuk/components/button/macro.njk', './template.njk'],
        ['/srv/govuk/components/input/template.njk', '../../macros/attributes.njk'],
        ['/srv/govuk/components/input/macro.njk', './template.njk'],
      ]) {
        expect(ours.resolve(from, to)).toBe(theirs.resolve(from, to));
      }
    }
    expect(ours.getSource('layout.njk')?.src).toBe(theirs.getSource('layout.njk')?.src);
  });
});
