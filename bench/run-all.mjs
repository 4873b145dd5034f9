#!/usr/bin/env node
// `npm run bench`: every bench/*.bench.ts in turn, each in its own process (TypeScript sources via tsx).
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
let failures = 0;
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(here, file)], {
    cwd: join(here, '..'),
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failures++;
    process.stdout.write(`## ${file} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exitCode = failures === 0 ? 0 : 1;
