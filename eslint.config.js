import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import officeAddins from 'eslint-plugin-office-addins';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Test support (the workspace packages under testing/) is never shipped: only *.test.* files may import it.
const TEST_SUPPORT = {
  group: [
    '@qms/excel-standin',
    '@qms/excel-standin/*',
    '@qms/api-harness',
    '@qms/api-harness/*',
    '@qms/workbook-fixtures',
    '@qms/workbook-fixtures/*',
    '**/testing/*/src/**',
  ],
  message: 'Test support (testing/) is for *.test.* files only; shipped code must not import it.',
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-api/**',
      '**/node_modules/**',
      '.azurite/**',
      'test-results/**',
      '.artefacts/**',
      'templates/xlsx/**',
      // What the azd hooks stage for upload (scripts/azd/): packed builds and installed dependencies.
      'deploy/api/**',
      'deploy/pane/dist/**',
      '.azure/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The hand-written types of a script a test imports (scripts/azd/staged-package.d.mts) belong to no tsconfig.
        projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.ts', 'scripts/azd/*.d.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The pane's Office.js code, and the test double that plays Office.js (testing/excel-standin), whose own tests
    // drive it the way the pane does.
    files: ['addin/src/**/*.{ts,tsx}', 'testing/excel-standin/src/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    // Browser test harnesses run code in the page (window, document) as well as in Node.
    files: ['addin/test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Office.js lives in one folder of the pane: views and the rest get the workbook through WorkbookPort. The rule
    // covers the product code only. The Excel stand-in (testing/excel-standin) and the browser tests
    // (addin/test/browser) are test doubles and harnesses that define or reach the fake `Office`/`Excel` on purpose;
    // they sit outside addin/src, so they are outside these globs rather than exempted from them.
    files: ['addin/src/**/*.{ts,tsx}'],
    ignores: ['addin/src/office/**', 'addin/src/main.tsx'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'Office',
          message: 'Office.js is used only in addin/src/office/; reach it through WorkbookPort or HostStatus.',
        },
        { name: 'Excel', message: 'Office.js is used only in addin/src/office/; reach it through WorkbookPort.' },
      ],
    },
  },
  {
    // Packages show the architecture: the pane, the CLI and the backend meet only in the shared packages.
    files: [
      'addin/src/**/*.{ts,tsx}',
      'cli/src/**/*.ts',
      'client/src/**/*.ts',
      'contract/src/**/*.ts',
      'engine/src/**/*.ts',
    ],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            TEST_SUPPORT,
            {
              group: ['@qms/functions', '@qms/functions/*', '**/functions/src/**'],
              message: 'The backend is a deployable: share code through @qms/engine, @qms/contract or @qms/client.',
            },
            {
              group: ['@qms/addin', '@qms/addin/*', '**/addin/src/**'],
              message: 'The pane is a deployable: share code through @qms/client or @qms/templates.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/src/**/*.ts', 'templates/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_SUPPORT] }] },
  },
  {
    // Errors by layer: storage, sync and auth name refusals with DomainError; only http/ knows statuses and headers.
    // (A later block's rule replaces an earlier one's, so the test-support pattern is repeated here.)
    files: ['functions/src/storage/**/*.ts', 'functions/src/sync/**/*.ts', 'functions/src/auth/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            TEST_SUPPORT,
            { group: ['../http/*'], message: 'Throw a DomainError; http/ turns it into a status.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'bench/**'],
    rules: {
      // Tests poke at loosely typed fixtures (grids, JSON bodies) on purpose.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  prettier,
);
