import nunjucks from 'nunjucks';

/**
 * Nunjucks's own `trim` filter, in linear time. GOV.UK Frontend's macros pipe whole components
 * through `trim`, and Nunjucks writes it as `replace(/^\s*|\s*$/g, '')`, whose time grows with the
 * square of each whitespace run: a date input's output holds runs of over 700 spaces, so the action
 * page's three date inputs cost about 30 ms a request. `String.prototype.trim` removes the same
 * characters (the same white space and line terminators as `\s`), and marked-safe text stays safe.
 */
export function trimFilter(value: unknown): string | nunjucks.runtime.SafeString {
  const trimmed = (value as string).trim();
  return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
}

/**
 * The file system loader, remembering where a relative template name leads from the template that
 * names it. Every GOV.UK Frontend macro includes "./template.njk" on every call, and Nunjucks
 * resolves that path afresh each time (a tenth of the action page's rendering); the answer for a
 * given pair never changes.
 */
export class TemplateLoader extends nunjucks.FileSystemLoader {
  /** From each template, where each name it uses leads. */
  private readonly resolved = new Map<string, Map<string, string>>();

  override resolve(from: string, to: string): string {
    let names = this.resolved.get(from);
    if (!names) {
      names = new Map();
      this.resolved.set(from, names);
    }
    let path = names.get(to);
    if (path === undefined) {
      path = super.resolve(from, to);
      names.set(to, path);
    }
    return path;
  }
}
