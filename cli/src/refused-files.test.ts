import { spawnSync } from 'node:child_process';
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * `qms check` on every file the reader refuses and every hostile file of the corpus (templates/corpus/), run as a
 * user runs it (the compiled CLI, a process of its own): exit 2 with one line saying what the file is and what to
 * do, and the process's peak resident memory under the stated bound (docs/xlsx-reader.md, "Limits").
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = join(ROOT, 'templates', 'corpus');
const MAIN = pathToFileURL(join(ROOT, 'cli', 'dist', 'main.js')).href;
const PEAK_MIB = 400;

function check(file: string): { code: number | null; stderr: string; stdout: string; peakMiB: number } {
  // The CLI's own entry, plus one line on stderr with the peak memory, read and removed below.
  const script = `
    import { main } from ${JSON.stringify(MAIN)};
    const code = await main(['check', ${JSON.stringify(join(CORPUS, file))}], {
      stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t),
      cwd: process.cwd(), now: () => new Date(),
    });
    process.stderr.write('PEAK_KIB ' + process.resourceUsage().maxRSS + '\\n');
    process.exitCode = code;`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
  const peak = /PEAK_KIB (\d+)\n$/.exec(r.stderr);
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr.replace(/PEAK_KIB \d+\n$/, ''),
    peakMiB: Number(peak?.[1] ?? NaN) / 1024,
  };
}

beforeAll(async () => {
  await access(join(ROOT, 'cli', 'dist', 'main.js')).catch(() => {
    throw new Error('cli/dist/main.js is missing: build first with `npx tsc -b` (npm test does this), then rerun');
  });
});

describe('refused.cli: files qms cannot read end in exit 2 and one line, within the memory bound', () => {
  it.each([
    ['refused-libreoffice.ods', /OpenDocument spreadsheet \(\.ods\)/],
    ['refused-libreoffice.xls', /old-style \.xls/],
    ['refused-truncated.xlsx', /damaged or incomplete/],
    ['refused-renamed-docx.xlsx', /Word document \(\.docx\) renamed/],
    ['hostile-zip-bomb.xlsx', /holds a run of text longer than/],
    ['hostile-huge-shared-strings.xlsx', /holds a run of text longer than/],
  ])('%s', (file, message) => {
    const r = check(file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.peakMiB).toBeLessThan(PEAK_MIB);
  });

  it('hostile-whole-grid.xlsx (a sheet claiming every cell) is read, not refused, within the bound', () => {
    const r = check('hostile-whole-grid.xlsx');
    expect(r.code).not.toBe(2);
    expect(r.peakMiB).toBeLessThan(PEAK_MIB);
  });
});
