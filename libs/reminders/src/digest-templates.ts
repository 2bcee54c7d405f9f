import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

/**
 * What both parts of an email say about one action. Named, not a list of label and value pairs:
 * the templates then print each fact directly, where a loop over a list would cost a Nunjucks
 * frame for every fact of every action of a long digest.
 */
export interface DigestFacts {
  report: string;
  recommendation: string;
  status: string;
  rag: string;
  due: string;
  /** "from 30 April 2025: New system late"; null when never re-programmed. */
  reprogrammed: string | null;
  /** The owning team, where the digest names it; null when it does not. */
  team: string | null;
  latestUpdate: string;
  /** "Open challenge" or "Open challenges (2)" and their questions; null when there are none. */
  challenges: { label: string; value: string } | null;
}

export interface DigestItemView {
  link: string;
  reference: string;
  title: string;
  facts: DigestFacts;
}

/** Everything the two templates show: the plain-text and HTML parts are rendered from this one view. */
export interface DigestView {
  subject: string;
  intro: string;
  /** One line: "7 overdue, 2 awaiting sign-off, 1 open challenge". */
  summary: string;
  groups: { heading: string; items: DigestItemView[] }[];
  outro: string;
  preferencesUrl: string | null;
  unsubscribeUrl: string | null;
}

function templatesDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('package.json not found above the reminders library');
    directory = parent;
  }
  return join(directory, 'libs/reminders/templates');
}

/**
 * The email templates, loaded once and kept compiled. The HTML part escapes every value
 * (autoescape, as the pages do); the plain-text part is not HTML, so it must not escape: the same
 * view goes to both.
 */
export class DigestTemplates {
  private readonly html: nunjucks.Environment;
  private readonly text: nunjucks.Environment;

  constructor(directory = templatesDirectory()) {
    const loader = () => new nunjucks.FileSystemLoader(directory, { noCache: false });
    this.html = new nunjucks.Environment(loader(), { autoescape: true, throwOnUndefined: true });
    this.text = new nunjucks.Environment(loader(), { autoescape: false, throwOnUndefined: true, trimBlocks: false });
  }

  render(view: DigestView): { text: string; html: string } {
    return {
      text: `${this.text.render('digest.txt.njk', view).replace(/\n{3,}/g, '\n\n').trim()}\n`,
      html: this.html.render('digest.html.njk', view),
    };
  }
}

let shared: DigestTemplates | null = null;

/** The process's compiled templates. */
export function digestTemplates(): DigestTemplates {
  shared ??= new DigestTemplates();
  return shared;
}
