// The shared vocabulary: plain TypeScript, no dependencies, imported by every other library.
export * from './action-status.js';
export * from './addressee.js';
export * from './calendar.js';
export * from './page.js';
export * from './judgement.js';
export * from './rag.js';
export * from './request-context.js';
export * from './timeframe.js';
export * from './coded-exception.js';
export * from './report-limits.js';
