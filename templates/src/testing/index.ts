// Fixtures for tests in every workspace (made-up template versions); not used by shipped code.
export * from './made-up-profile-v2.js';
export * from './made-up-capa-v2.js';
