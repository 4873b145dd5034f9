import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the "source" condition, so tests never need a build.
// The rest are Vite's own defaults (defaultClientConditions / defaultServerConditions), which setting the option replaces.
const defaultClientConditions = ['module', 'browser', 'development|production'];
const defaultServerConditions = ['module', 'node', 'development|production'];
export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    projects: [
      { extends: true, test: { name: 'templates', include: ['templates/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'functions', include: ['functions/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['cli/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'addin', include: ['addin/src/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'] } },
    ],
  },
});
