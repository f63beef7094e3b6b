export * from './model.js';
export * from './schedule.js';
export * from './progress.js';
export * from './escalation.js';
export * from './owners.js';
