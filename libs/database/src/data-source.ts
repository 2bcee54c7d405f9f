import { DataSource } from 'typeorm';
import { loadConfigFromEnvironment } from '#config';
import { dataSourceOptions } from './data-source-options.js';

/** For the TypeORM CLI: `npx typeorm migration:run -d dist/libs/database/src/data-source.js`. */
export default new DataSource(dataSourceOptions(loadConfigFromEnvironment().DATABASE_URL));
