// The backend client shared by the task pane and the qms CLI: pure fetch, no Office.js, no React.
export * from './types.js';
export * from './errors.js';
export * from './client.js';
export * from './sync-plan.js';
export * from './run-sync.js';
export { completeTypes } from './complete-types.js';
