export * from './entities/action.entity.js';
export * from './entities/action-update.entity.js';
export * from './entities/authority.entity.js';
export * from './entities/recommendation.entity.js';
export * from './entities/pending-upload.entity.js';
export * from './entities/report.entity.js';
export * from './entities/team.entity.js';
// The reminder entities live with the reminders; tracking seeds contacts through them without importing #reminders.
export * from '../../reminders/src/entities/index.js';
export * from './data-source-options.js';
export * from './database.module.js';
export * from './unit-of-work.js';
export * from './raw-sql.js';
export * from './transaction-watch.js';
export * from './schema-gate.js';
export * from './sqlite-backup.js';
