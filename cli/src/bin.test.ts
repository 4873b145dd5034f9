import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'cli', 'bin', 'qms.js');

/** Runs the published entry (cli/bin/qms.js → cli/dist) as a user would. */
async function qms(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  // The bin runs compiled code; the root test command builds it first (tsc -b). Say so instead of skipping.
  for (const built of ['cli/dist/main.js', 'templates/dist/xlsx/index.js']) {
    await access(join(ROOT, built)).catch(() => {
      throw new Error(`${built} is missing: build first with \`npx tsc -b\` (npm test does this), then rerun`);
    });
  }
});

describe('qms bin (compiled CLI)', () => {
  it('qms check on a committed template: exit 1 only for the blank required profile fields', async () => {
    const r = await qms('check', 'templates/xlsx/capa-log.xlsx', '--as-of', '2026-06-30');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CAPA Log (capa-log@1, recognised by marker): 0 records, 0 errors, 0 warnings');
    const starter = await qms('check', 'templates/xlsx/qms-starter.xlsx', '--as-of', '2026-06-30');
    expect(starter.code).toBe(1);
    expect(starter.stdout).toContain('  error    QMS Profile!B6: Organization name is required but blank');
  });

  it('exit 2 with a one-line reason for a missing file', async () => {
    const r = await qms('check', 'no-such-file.xlsx');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^qms check: no-such-file\.xlsx: no such file/);
  });
});
