#!/usr/bin/env node
// The image's HEALTHCHECK: exits 0 when the API in this container answers its liveness route.
import { loadConfigFromEnvironment } from '../dist/libs/config/src/index.js';

const { PORT } = loadConfigFromEnvironment();
try {
  const response = await fetch(`http://127.0.0.1:${PORT}/api/health/live`, { signal: AbortSignal.timeout(4000) });
  process.exitCode = response.ok ? 0 : 1;
} catch {
  process.exitCode = 1;
}
