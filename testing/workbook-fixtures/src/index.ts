// Made-up template versions for the upgrade tests of every workspace (test support: never shipped).
export * from './made-up-profile-v2.js';
export * from './made-up-capa-v2.js';
