export * from './board.exception.js';
export * from './board.module.js';
export * from './board-reminders.extension.js';
export * from './ofsted-deadlines.service.js';
export * from './repeat-detector.js';
export * from './entities/index.js';
export * from './repeat-links.service.js';
