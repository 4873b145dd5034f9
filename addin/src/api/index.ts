// The backend client shared by the task pane and (later) the qms CLI: pure fetch, no Office.js, no React.
export * from './types.ts';
export * from './errors.ts';
export * from './client.ts';
export * from './sync-plan.ts';
