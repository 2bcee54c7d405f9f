export * from './board.exception.js';
export * from './board.module.js';
export * from './board-reminders.extension.js';
export * from './ofsted-deadlines.service.js';
