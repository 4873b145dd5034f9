#!/usr/bin/env node
/**
 * azd `prerestore` hook of the `api` service: stages a self-contained Function app in deploy/api.
 *
 * functions/ depends on workspace packages (@qms/contract, @qms/engine, @qms/templates) that no registry holds,
 * and npm hoists every dependency to the repository root, so zipping functions/ would ship an app that cannot
 * start. This packs each workspace package with `npm pack` (which honours each package's "files"), unpacks the
 * Functions package as the app root, points its @qms/* dependencies (and, through "overrides", theirs) at the
 * packed tarballs, and installs production dependencies there. What azd zips is then exactly what
 * `node -e "import('./deploy/api/dist/app.js')"` loads here.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stagedPackage, WORKSPACES } from './staged-package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stage = join(root, 'deploy', 'api');
const vendor = join(stage, 'vendor');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
}

// Keep the folder's own .gitignore (the folder is committed empty so azure.yaml's `project` path exists).
for (const entry of readdirSync(stage)) if (entry !== '.gitignore') rmSync(join(stage, entry), { recursive: true });
mkdirSync(vendor, { recursive: true });

console.log('stage-api: building the workspace (tsc -b)');
run(npm, ['exec', '--', 'tsc', '-b'], root);

const tarballs = {};
for (const ws of WORKSPACES) {
  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', vendor, '-w', ws], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  const [packed] = JSON.parse(out);
  if (packed === undefined) throw new Error(`stage-api: npm pack -w ${ws} packed nothing`);
  tarballs[packed.name] = packed.filename;
}

// The Functions package is the app root: host.json and dist/ at the top, as the Functions host expects.
const functionsTarball = tarballs['@qms/functions'];
run('tar', ['-xzf', join(vendor, functionsTarball), '--strip-components=1', '-C', stage], root);
rmSync(join(vendor, functionsTarball));
delete tarballs['@qms/functions'];

const pkg = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
const staged = stagedPackage(pkg, tarballs);
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);

console.log('stage-api: npm install --omit=dev in deploy/api');
run(npm, ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-workspaces'], stage);

console.log('stage-api: checking that the staged app loads its dependencies');
run(process.execPath, ['-e', "import('./dist/app.js').then(() => console.log('stage-api: dist/app.js loads'))"], stage);
