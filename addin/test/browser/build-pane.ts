import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFICE_STANDIN_ENTRY } from '@qms/excel-standin/entry';
import { build, type Rolldown } from 'vite';

export const ADDIN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * Builds the pane as production would, into a fresh temporary folder; returns the folder. `withBare` adds
 * the benchmark's reference page (bare React + Fluent) as `test/browser/bare/bare.html`.
 */
export async function buildPane(options: { withBare?: boolean } = {}): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'qms-pane-'));
  const input = {
    taskpane: join(ADDIN_DIR, 'taskpane.html'),
    commands: join(ADDIN_DIR, 'commands.html'),
    ...(options.withBare ? { bare: join(ADDIN_DIR, 'test', 'browser', 'bare', 'bare.html') } : {}),
  };
  await build({
    configFile: join(ADDIN_DIR, 'vite.config.ts'),
    logLevel: 'warn',
    // A production build in every way but one: it may call the test's API on 127.0.0.1 (see app/api-origin.ts).
    // Vitest runs with NODE_ENV=test, which would make Vite's build a development one (import.meta.env.DEV true).
    define: {
      'import.meta.env.VITE_QMS_ALLOW_LOCALHOST': JSON.stringify('1'),
      'import.meta.env.DEV': 'false',
      'import.meta.env.PROD': 'true',
    },
    build: { outDir, emptyOutDir: true, rollupOptions: { input } },
  });
  return outDir;
}

/** The office.js stand-in as one classic script (what the CDN URL serves in the browser tests). */
export async function buildStandIn(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: true,
      chunkSizeWarningLimit: 2_000,
      lib: {
        entry: OFFICE_STANDIN_ENTRY,
        formats: ['iife'],
        name: 'QmsOfficeStandIn',
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The stand-in build produced no script');
  return chunk.code;
}
