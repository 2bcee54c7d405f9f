export * from './calendar-date.js';
export * from './timeframe.js';
export * from './working-days.js';
export * from './rag.js';
export * from './zoned-clock.js';
export * from './ofsted-plan.js';
