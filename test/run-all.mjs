#!/usr/bin/env node
// The one test command (`npm test`): type-check and build, lint, then every vitest project.
// Ends with the plain line "tests: N passed, N failed" that CI reads; type-check, lint and format count as one test each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { node22 } from './other-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
let skipped = 0;

function step(label, cmd, args, env = process.env) {
  process.stdout.write(`\n== ${label}: ${[cmd.replace(root + '/', ''), ...args].join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
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
const extraProjects = [
  'addin',
  'testing/excel-standin',
  'functions/test',
  'templates/test',
  'bench',
  'test',
  'examples',
].filter((dir) => existsSync(join(root, dir, 'tsconfig.json')) && hasTs(dir));
count(
  step('type-check and build', bin('tsc'), ['-b']) &&
    extraProjects.every((dir) => step(`type-check ${dir}`, bin('tsc'), ['-p', dir, '--noEmit'])),
);
count(step('lint', bin('eslint'), ['.', '--max-warnings=0']));
count(step('format', bin('prettier'), ['--check', '--log-level=warn', '**/*.{ts,tsx,mjs,js,json}']));

mkdirSync(join(root, 'test-results'), { recursive: true });
const extra = process.argv.slice(2);

/** Adds one vitest JSON report's counts; a missing report or a failed run without a failed test counts as one failure. */
function tally(report, label) {
  if (!existsSync(report)) {
    failed++;
    process.stdout.write(`${label}: vitest wrote no report: counted as one failure\n`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed +=
    (json.numFailedTests ?? 0) +
    (json.numTotalTestSuites > 0 && json.success === false && json.numFailedTests === 0 ? 1 : 0);
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}

const report = join(root, 'test-results', 'vitest.json');
step('vitest', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);
tally(report, 'vitest');

// Second pass: the unit and integration tests again on Node 22, the version production runs (README, Supported Node
// versions). The pane's projects are left out: they run in Chromium and jsdom, where Node's version does not reach.
// Child processes the tests start (the CLI, Azurite, LibreOffice helpers) find this Node first on PATH.
const NODE22_PROJECTS = ['templates', 'engine', 'contract', 'client', 'functions', 'cli', 'testing', 'e2e'];
if (process.env.QMS_TEST_NODE22 === '0') {
  skipped++;
  process.stdout.write('\n== vitest on Node 22: skipped because QMS_TEST_NODE22=0 (counted as skipped)\n');
} else if (extra.length === 0) {
  const other = node22(root);
  if ('path' in other) {
    const report22 = join(root, 'test-results', 'vitest-node22.json');
    const env = { ...process.env, PATH: `${dirname(other.path)}:${process.env.PATH ?? ''}` };
    const version = spawnSync(other.path, ['--version'], { encoding: 'utf8' }).stdout.trim();
    step(
      `vitest on Node ${version}`,
      other.path,
      [
        join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        ...NODE22_PROJECTS.flatMap((p) => ['--project', p]),
        '--reporter=dot',
        '--reporter=json',
        `--outputFile.json=${report22}`,
      ],
      env,
    );
    tally(report22, `vitest on Node ${version}`);
  } else if ('skip' in other) {
    skipped++;
    process.stdout.write(`\n== vitest on Node 22: skipped: ${other.skip} (counted as skipped)\n`);
  } else {
    failed++;
    process.stdout.write(`\n== vitest on Node 22: ${other.error} (counted as one failure)\n`);
  }
}

process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed === 0 ? 0 : 1;
