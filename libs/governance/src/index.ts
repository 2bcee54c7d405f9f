export * from './action-status.js';
export * from './action-standing.js';
export * from './challenge-workflow.js';
export * from './date-request-workflow.js';
export * from './slippage.js';
export * from './status-workflow.js';
export * from './workflow-refusal.js';
