import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the "source" condition, so tests never need a build.
// The rest are Vite's own defaults (defaultClientConditions / defaultServerConditions), which setting the option replaces.
const defaultClientConditions = ['module', 'browser', 'development|production'];
const defaultServerConditions = ['module', 'node', 'development|production'];
export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    // Many tests drive real Azurite, LibreOffice or Chromium; on a slow or busy CI machine they run several times
    // slower than here. A time-out is there to catch a hang, not to judge speed (timing belongs in `npm run bench`),
    // so the defaults (5 s, hooks 10 s) are raised; tests that set their own keep it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'templates', include: ['templates/src/**/*.test.ts', 'templates/test/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'engine', include: ['engine/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'contract', include: ['contract/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'client', include: ['client/src/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'functions', include: ['functions/src/**/*.test.ts', 'functions/test/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'cli', include: ['cli/src/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'addin', include: ['addin/src/**/*.test.{ts,tsx}', 'addin/test/**/*.test.{ts,tsx}'] },
      },
      // Test support in testing/ (never shipped) has tests of its own: the Excel stand-in against Excel's documented rules.
      { extends: true, test: { name: 'testing', include: ['testing/*/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'] } },
    ],
  },
});
