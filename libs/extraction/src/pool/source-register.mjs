// Loaded with --import by the pool's threads when the pool runs from the TypeScript sources.
import { register } from 'node:module';

register('./source-hooks.mjs', import.meta.url);
