import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout (or image) holding package.json: the same from the sources and from dist/. */
function projectRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('package.json not found above the web module');
    directory = parent;
  }
  return directory;
}

const root = projectRoot();
const govukFrontend = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');

/** Where the web interface's templates and assets live. */
export const WEB_PATHS = {
  views: join(root, 'apps/api/web/views'),
  scripts: join(root, 'apps/api/web/scripts'),
  /** Built by `npm run build` (scripts/build-web.js). */
  stylesheet: join(root, 'dist/web/application.css'),
  /** Holds govuk/ (the Nunjucks macros) for the template loader. */
  govukFrontend,
  govukAssets: join(govukFrontend, 'govuk/assets'),
  govukScript: join(govukFrontend, 'govuk/govuk-frontend.min.js'),
};
