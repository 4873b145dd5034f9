import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Telemetry off by default (issue 15): with no APPLICATIONINSIGHTS_CONNECTION_STRING, importing the Functions entry
 * and building its deps loads neither the exporter nor any OpenTelemetry package, nor @azure/identity with a
 * connection string. Checked on the import graph of a fresh Node process: a resolve hook notes every ES module it
 * resolves, and the CommonJS cache lists every required file.
 */
const FUNCTIONS_SRC = new URL('../', import.meta.url);
const TELEMETRY = /[\\/]node_modules[\\/](@azure[\\/]monitor-opentelemetry|@opentelemetry[\\/])/;
const IDENTITY = /[\\/]node_modules[\\/]@azure[\\/]identity[\\/]/;

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.QMS_IMPORT_LOG, 'esm ' + result.url + '\\n');
  return result;
}
`;

const REGISTER = `import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));
`;

const CHILD = `import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const log = process.env.QMS_IMPORT_LOG;
const src = process.env.QMS_FUNCTIONS_SRC;
const require = createRequire(new URL('package.json', new URL('../', src)));
const cjs = () => Object.keys(require.cache).map((file) => 'cjs ' + file).join('\\n') + '\\n';
await import(new URL('app.ts', src).href);
const { readSettings } = await import(new URL('config.ts', src).href);
const { createDeps } = await import(new URL('deps.ts', src).href);
const deps = await createDeps(readSettings({ QMS_AUTH_MODE: 'dev', QMS_DEV_KEY_FILE: process.env.QMS_DEV_KEY_FILE }));
if (deps.tables.auth !== 'connection-string') throw new Error('expected the default connection string');
appendFileSync(log, cjs() + 'MARK\\n');
// The control: the same recorder does see these packages once something imports them.
await import(pathToFileURL(require.resolve('@opentelemetry/api')).href);
appendFileSync(log, cjs());
`;

describe('telemetry off by default', () => {
  let dir: string;
  let before: string[];
  let after: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qms-imports-'));
    await writeFile(join(dir, 'hooks.mjs'), HOOKS);
    await writeFile(join(dir, 'register.mjs'), REGISTER);
    await writeFile(join(dir, 'child.mjs'), CHILD);
    const log = join(dir, 'imports.log');
    await writeFile(log, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      QMS_IMPORT_LOG: log,
      QMS_FUNCTIONS_SRC: FUNCTIONS_SRC.href,
      QMS_DEV_KEY_FILE: join(dir, 'dev-key.json'),
    };
    await promisify(execFile)(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        '--import',
        pathToFileURL(join(dir, 'register.mjs')).href,
        join(dir, 'child.mjs'),
      ],
      { cwd: fileURLToPath(FUNCTIONS_SRC), env },
    );
    const lines = (await readFile(log, 'utf8')).split('\n').filter((l) => l !== '');
    const mark = lines.indexOf('MARK');
    before = lines.slice(0, mark);
    after = lines.slice(mark + 1);
  }, 60_000);

  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('loads the app and its deps (the recorder saw them)', () => {
    expect(before.some((l) => l.includes('/functions/src/deps.ts'))).toBe(true);
    expect(before.some((l) => l.includes('/node_modules/@azure/data-tables/'))).toBe(true);
  });

  it('loads no exporter and no @opentelemetry package without APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
    expect(before.filter((l) => TELEMETRY.test(l))).toEqual([]);
    // The recorder can see them: importing one afterwards shows up.
    expect(after.some((l) => TELEMETRY.test(l))).toBe(true);
  });

  it('loads no @azure/identity when QMS_STORAGE is a connection string', () => {
    expect(before.filter((l) => IDENTITY.test(l))).toEqual([]);
  });
});
