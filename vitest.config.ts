import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the "source" condition, so tests never need a build.
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
