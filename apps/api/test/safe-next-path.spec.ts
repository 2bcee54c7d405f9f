import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../src/web/page-errors.js';

/** Where sign-in sends a person back to: links in reminder emails come through here. */
describe('safeNextPath', () => {
  it('keeps a path of this site, with its query', () => {
    expect(safeNextPath('/actions/42')).toBe('/actions/42');
    expect(safeNextPath('/actions?team=3&status=blocked')).toBe('/actions?team=3&status=blocked');
  });

  it('refuses anything a browser could read as another site', () => {
    // Browsers drop tabs and line breaks from URLs, so "/\t/evil.example" becomes "//evil.example".
    for (const next of ['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', ' /actions/1', 'https://evil.example/', 'actions/1', '', '/actions/1\u0000']) {
      expect(safeNextPath(next), JSON.stringify(next)).toBe('/');
    }
    expect(safeNextPath(['/actions/1'])).toBe('/');
    expect(safeNextPath(undefined)).toBe('/');
  });
});
