#!/usr/bin/env node
// `npm run bench`: builds, then runs every bench/*.bench.ts in turn, each in its own process (the bench files
// themselves through tsx; the code they measure from the build).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
// Benchmarks measure the built code (what the CLI, Azure and the pane's bundle run), not tsx's on-the-fly
// transpiling of the sources, which adds its own per-function overhead; so build first.
const build = spawnSync(process.execPath, [join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], {
  cwd: join(here, '..'),
  stdio: 'inherit',
});
if (build.status !== 0) {
  process.stdout.write('the build (tsc -b) failed; fix it before benchmarking\n');
  process.exit(1);
}
let failures = 0;
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], {
    cwd: join(here, '..'),
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failures++;
    process.stdout.write(`## ${file} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exitCode = failures === 0 ? 0 : 1;
