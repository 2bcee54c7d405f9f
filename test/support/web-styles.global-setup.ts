import { pathToFileURL } from 'node:url';

/** The pages link the compiled stylesheet; `npm run build` makes it, and so does this before the end-to-end tests. */
export default async function buildStylesheet(): Promise<void> {
  const script = pathToFileURL(new URL('../../scripts/build-web.js', import.meta.url).pathname).href;
  const { buildWebStyles } = (await import(script)) as { buildWebStyles: () => string };
  buildWebStyles();
}
