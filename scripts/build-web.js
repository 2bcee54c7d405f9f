// Compiles the web interface's stylesheet: GOV.UK Frontend's Sass with the service's own settings
// and styles, into dist/web/application.css. `npm run build` runs it; so does the test setup.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as sass from 'sass';

const root = fileURLToPath(new URL('..', import.meta.url));

export function buildWebStyles() {
  const entry = join(root, 'apps/api/web/styles/application.scss');
  const target = join(root, 'dist/web/application.css');
  // quietDeps: GOV.UK Frontend's own deprecation notices are for its maintainers, not for us.
  const { css } = sass.compile(entry, { loadPaths: [join(root, 'node_modules')], style: 'compressed', quietDeps: true });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, css);
  return target;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`wrote ${buildWebStyles()}`);
}
