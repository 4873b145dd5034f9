#!/usr/bin/env node
// The one test command (`npm test`): type-check and build, lint, then every vitest project.
// Ends with the plain line "tests: N passed, N failed" that CI reads; type-check, lint and format count as one test each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
let skipped = 0;

function step(label, cmd, args) {
  process.stdout.write(`\n== ${label}: ${[cmd.replace(root + '/', ''), ...args].join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  process.stdout.write(
    `== ${label}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return ok;
}

function count(ok) {
  if (ok) passed++;
  else failed++;
}

// Projects outside the build graph (add-in, the Excel stand-in, the API's integration tests, benchmarks, end-to-end
// tests) are type-checked on their own.
const hasTs = (dir) =>
  existsSync(join(root, dir)) &&
  readdirSync(join(root, dir), { recursive: true }).some(
    (f) => String(f).endsWith('.ts') && !String(f).includes('node_modules'),
  );
const extraProjects = ['addin', 'testing/excel-standin', 'functions/test', 'bench', 'test', 'examples'].filter(
  (dir) => existsSync(join(root, dir, 'tsconfig.json')) && hasTs(dir),
);
count(
  step('type-check and build', bin('tsc'), ['-b']) &&
    extraProjects.every((dir) => step(`type-check ${dir}`, bin('tsc'), ['-p', dir, '--noEmit'])),
);
count(step('lint', bin('eslint'), ['.', '--max-warnings=0']));
count(step('format', bin('prettier'), ['--check', '--log-level=warn', '**/*.{ts,tsx,mjs,js,json}']));

mkdirSync(join(root, 'test-results'), { recursive: true });
const report = join(root, 'test-results', 'vitest.json');
const extra = process.argv.slice(2);
step('vitest', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed +=
    (json.numFailedTests ?? 0) +
    (json.numTotalTestSuites > 0 && json.success === false && json.numFailedTests === 0 ? 1 : 0);
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} else {
  failed++;
  process.stdout.write('vitest wrote no report: counted as one failure\n');
}

process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed === 0 ? 0 : 1;
