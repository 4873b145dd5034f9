// The wire contract of the HTTP API (docs/api.md), written once: the server parses with these schemas and the
// clients (pane, CLI) take their types from them, so the two cannot drift apart.
export * from './problem.js';
export * from './sync.js';
export * from './digest.js';
export * from './extra.js';
export * from './orgs.js';
export * from './members.js';
export * from './health.js';
export * from './estimate.js';
export * from './packs.js';
/**
 * GET /orgs/{org}/assessment answers with the engine's Assessment as JSON: its type is the engine's own
 * (type-only, so nothing of the engine reaches a client bundle).
 */
export type { Assessment, Estimate } from '@qms/engine';
