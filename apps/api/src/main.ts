import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig } from '#config';
import { StartupRefusal } from './auth/demo-password.check.js';
import { createApiApp } from './create-api-app.js';

try {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  // The address actually bound (PORT=0 picks a free one), for operators and for tests that start processes.
  new Logger('API').log({ message: 'API listening', url: await app.getUrl(), publicUrl: config.PUBLIC_URL });
} catch (error) {
  if (!(error instanceof StartupRefusal)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
