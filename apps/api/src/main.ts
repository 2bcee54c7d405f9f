import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig, demoDataAllowed, publicUrlWarnings } from '#config';
import { startupBlock } from './startup-block.js';
import { StartupRefusal } from './auth/demo-password.check.js';
import { createApiApp } from './create-api-app.js';

try {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  // The address actually bound (PORT=0 picks a free one), for operators and for tests that start processes.
  new Logger('API').log({ message: 'API listening', url: await app.getUrl(), publicUrl: config.PUBLIC_URL });
  // Links in the emails people receive are built from PUBLIC_URL: a wrong one fails quietly, far from here.
  for (const warning of publicUrlWarnings(config)) new Logger('API').warn(warning);
  // On a terminal, one block a newcomer can act on; log collectors get the JSON line above.
  if (config.LOG_FORMAT === 'pretty') process.stdout.write(`${startupBlock(config, await app.getUrl(), demoDataAllowed(config))}\n`);
} catch (error) {
  if (!(error instanceof StartupRefusal)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
