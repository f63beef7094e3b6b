export * from './commands.js';
export * from './outline.js';
export * from './state.js';
export * from './decide.js';
export * from './smart.js';
export * from './views.js';
