#!/usr/bin/env node
/**
 * `npm start`: everything a developer needs, on one terminal, stopped together by Ctrl-C.
 *  1. Azurite (Table Storage emulator, from node_modules; data in .azurite/, git-ignored; no telemetry)
 *  2. the Functions dev host on :7071 — the same route table Azure registers (functions/src/dev/main.ts)
 *  3. the task pane dev server on https://localhost:3000, when addin/package.json has a `dev` script
 *  4. on first start, the demo workbook (examples/demo-manufacturer.xlsx) synced into org "demo" with `qms sync`
 * and prints the API URL, a dev sign-in token (and how to mint another) and sideload notes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = Number(process.env.QMS_PORT ?? 7071);
const tablePort = Number(process.env.AZURITE_TABLE_PORT ?? 10002);
const apiUrl = `http://localhost:${apiPort}/api`;
const devUser = process.env.QMS_DEV_USER ?? 'dev-user';
const tsNode = [process.execPath, '--conditions=source', '--import', 'tsx'];

const children = [];
let stopping = false;

function start(name, command, args, options = {}) {
  // Own process group, so stopping reaches grandchildren too (npm → sh → node for the task pane).
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    ...options,
  });
  const prefix = (line) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') console.log(prefix(line));
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(prefix(`exited (${signal ?? code}); stopping everything.`));
      void stopAll(1);
    }
  });
  children.push({ name, child, signal: options.stopSignal ?? 'SIGTERM' });
  return child;
}

async function stopAll(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  // Newest first: the task pane and API go before the storage they use.
  for (const { child, signal } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        if (process.platform === 'win32') child.kill(signal);
        else process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    });
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function waitFor(url, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not come up at ${url}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

// 1. Azurite (tables only: the backend uses nothing else). SIGINT is the signal it saves its data on.
const azuriteDir = process.env.QMS_AZURITE_DIR ?? join(root, '.azurite');
mkdirSync(azuriteDir, { recursive: true });
const require = createRequire(join(root, 'functions', 'package.json'));
const azuriteTable = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'table', 'main.js');
start(
  'azurite',
  process.execPath,
  [
    azuriteTable,
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(tablePort),
    '--location',
    azuriteDir,
    '--disableTelemetry',
    '--silent',
  ],
  { stopSignal: 'SIGINT' },
);

// 2. The Functions dev host.
const storage = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${tablePort}/devstoreaccount1;`;
start('api', tsNode[0], [...tsNode.slice(1), 'functions/src/dev/main.ts'], {
  env: { ...process.env, QMS_AUTH_MODE: 'dev', QMS_STORAGE: storage, QMS_PORT: String(apiPort) },
});

// 3. The task pane, if its engineer has given it a dev script.
const addinPackage = join(root, 'addin', 'package.json');
const hasPane =
  process.env.QMS_PANE !== 'off' &&
  existsSync(addinPackage) &&
  typeof JSON.parse(readFileSync(addinPackage, 'utf8')).scripts?.dev === 'string';
if (hasPane) {
  start('pane', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'dev', '-w', 'addin'], {
    env: { ...process.env, VITE_QMS_API_URL: apiUrl },
  });
}

try {
  await waitFor(`${apiUrl}/health`, 'The API');
} catch (error) {
  console.error(String(error));
  await stopAll(1);
}

// The same dev key the API trusts (functions/.dev, git-ignored) signs the token; it stays valid across restarts.
const minted = spawnSync(
  tsNode[0],
  [...tsNode.slice(1), 'functions/src/dev/token.ts', '--user', devUser, '--hours', '12'],
  { cwd: root, encoding: 'utf8' },
);
const token = minted.stdout.trim();
if (minted.status !== 0 || token === '') {
  console.error(`Could not mint a dev token: ${minted.stderr}`);
  await stopAll(1);
}

// A first organisation for the dev user, so the examples in docs/api.md work straight away (409 = already there).
const demo = await fetch(`${apiUrl}/orgs`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify({ id: 'demo', name: 'Demo Organisation' }),
}).catch(() => undefined);
const demoNote =
  demo?.status === 201
    ? 'created; you are its owner'
    : demo?.status === 409
      ? 'already exists'
      : `could not be created (${demo?.status ?? 'no answer'})`;

// 4. The demo workbook, so the first screen shows a populated readiness, timeline and cost (first start only).
const demoLines = await loadDemo(demo?.status === 201 || demo?.status === 409);

console.log(`
────────────────────────────────────────────────────────────────────────────
 QMS Readiness — local development
   API            ${apiUrl}   (health: ${apiUrl}/health)
   Storage        Azurite tables on 127.0.0.1:${tablePort}, data in ${azuriteDir.startsWith(root) ? `${relative(root, azuriteDir)}/` : azuriteDir}
   Task pane      ${hasPane ? 'https://localhost:3000 (npm run dev -w addin)' : process.env.QMS_PANE === 'off' ? 'not started (QMS_PANE=off)' : 'not started (addin has no dev script yet)'}
   Organisation   "demo" ${demoNote}
${demoLines.map((line) => `   ${line}`).join('\n')}

 Dev sign-in token for "${devUser}" (valid 12 h; paste it into the task pane's sign-in box):
${token}

   export QMS_TOKEN='${token}'
   curl -H "Authorization: Bearer $QMS_TOKEN" ${apiUrl}/portfolio
 Another token (any user id): npm run token -w functions -- --user alice --hours 12

 Sideload the task pane into Excel:
   • Excel on the web: Home → Add-ins → More Add-ins → Upload My Add-in → manifest.xml (repo root)
   • Excel desktop (Windows/Mac): npx office-addin-debugging start manifest.xml desktop
     (or copy manifest.xml into a shared-folder catalogue and add it from "Shared Folder")
   • The pane's certificate comes from office-addin-dev-certs: trust addin/.certs/ca.crt once (no system store is touched).
 API reference with curl examples: docs/api.md.   Ctrl-C stops everything.
────────────────────────────────────────────────────────────────────────────`);

/** GET on the API with the dev token; undefined when it does not answer 200. */
async function getJson(path) {
  const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
  return res?.ok ? res.json() : undefined;
}

/**
 * Syncs examples/demo-manufacturer.xlsx into org "demo" when it holds no records yet, with `qms sync` (the CLI,
 * through the same API client as the task pane), then returns the banner lines: what was loaded and the
 * readiness, next milestone and three-year cost the API computes from it.
 */
async function loadDemo(orgReady) {
  if (!orgReady) return [];
  const lines = [];
  const committedDemo = join('examples', 'demo-manufacturer.xlsx');
  let demoFile = committedDemo;
  const existing = await getJson('/orgs/demo/records?pageSize=1');
  if (existing === undefined) return ['Demo data      could not read org "demo"; skipped loading the demo workbook'];
  if (existing.records.length > 0) {
    lines.push('Demo data      org "demo" already holds records; not reloaded (delete .azurite/ for a fresh start)');
  } else if (!existsSync(join(root, demoFile))) {
    lines.push(`Demo data      ${demoFile} is missing, so org "demo" starts empty`);
    lines.push('               (make it: node --conditions=source --import tsx examples/generate-demo.ts)');
  } else {
    // The committed demo is dated as of the day it was generated; a fresh copy dated today keeps the first look
    // current (overdue items, the records period and the last internal audit all count from today).
    const today = new Date().toISOString().slice(0, 10);
    const fresh = join(azuriteDir, 'demo-manufacturer.xlsx');
    const made = spawnSync(
      tsNode[0],
      [...tsNode.slice(1), 'examples/generate-demo.ts', '--as-of', today, '--out', fresh],
      { cwd: root, encoding: 'utf8' },
    );
    if (made.status === 0 && existsSync(fresh)) {
      demoFile = fresh.startsWith(root) ? relative(root, fresh) : fresh;
      lines.push(`Demo data      ${committedDemo} regenerated as of ${today}`);
    } else {
      console.log(
        `[demo] could not date the demo as of today (${(made.stderr || '').trim().split('\n').pop() ?? ''}); using ${committedDemo}`,
      );
    }
    console.log(`[demo] syncing ${demoFile} into org "demo" with qms sync …`);
    const runCli = [
      "const { main } = await import('./cli/src/main.ts');",
      'process.exitCode = await main(process.argv.slice(1), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), now: () => new Date() });',
    ].join('\n');
    const child = spawn(
      tsNode[0],
      [
        ...tsNode.slice(1),
        '--input-type=module',
        '-e',
        runCli,
        'sync',
        demoFile,
        '--api',
        apiUrl,
        '--org',
        'demo',
        '--token',
        token,
        '--json',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    child.stderr.on('data', (d) => {
      for (const line of d.toString().split('\n')) if (line.trim() !== '') console.log(`[demo] ${line}`);
    });
    const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
    let result;
    try {
      result = JSON.parse(out);
    } catch {
      result = undefined;
    }
    lines.push(
      code === 0 && result
        ? `Demo data      ${result.records} records synced into "demo" (${result.uploaded} sent)`
        : `Demo data      loading ${demoFile} failed (qms sync exit ${code}); see the [demo] lines above`,
    );
  }
  const a = await getJson('/orgs/demo/assessment');
  if (a === undefined) return [...lines, 'Readiness      not available (GET /orgs/demo/assessment failed)'];
  const next = a.timeline?.milestones?.find((m) => m.p50.value > a.asOf);
  const total = a.cost?.threeYearTotal?.value;
  const money = (n) => Math.round(n).toLocaleString('en-GB');
  lines.push(`Readiness      ${a.readiness.overall.value} % as of ${a.asOf} — ${a.verdict.value}`);
  if (next) lines.push(`Next milestone ${next.name}: ${next.p50.value} (P50), ${next.p80.value} (P80)`);
  if (total)
    lines.push(
      `3-year cost    ${a.cost.currency} ${money(total.likely)} likely (${money(total.low)}–${money(total.high)})`,
    );
  return lines;
}
