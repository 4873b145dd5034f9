import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPack, type PackInput } from '@qms/templates';
import { buildPackFiles } from '@qms/templates/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { CheckReport } from './shared/check-report.js';
import { EXAMPLE_PACKS_DIR, fillPackCapa, writeFilledFile } from '@qms/workbook-fixtures/filled';
import { memoryIo } from './shared/memory-io.js';

const NOW = new Date(2026, 5, 30, 12, 0, 0);
const PACK = join(EXAMPLE_PACKS_DIR, 'acme-consulting.v1.json');
let dir: string;

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-pack-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The built CAPA file with two rows typed in and saved by ExcelJS (which drops the workbook's markers). */
function filledCapa(path: string): Promise<void> {
  return writeFilledFile(join(dir, 'acme', 'capa-log.xlsx'), path, fillPackCapa);
}

describe('qms pack build', () => {
  it("writes the pack's files, the same bytes as the builder, and says what it wrote", async () => {
    const { code, out, err } = await run('pack', 'build', PACK, '--out', 'acme');
    expect(err).toBe('');
    expect(code).toBe(0);
    const checked = checkPack(JSON.parse(await readFile(PACK, 'utf8')) as PackInput);
    if (!checked.ok) throw new Error('the example pack does not pass its check');
    const built = await buildPackFiles(checked.pack);
    expect((await readdir(join(dir, 'acme'))).sort()).toEqual(built.map((f) => f.file.file).sort());
    for (const { file, bytes } of built) {
      expect(out).toContain(`wrote ${join('acme', file.file)}`);
      expect(new Uint8Array(await readFile(join(dir, 'acme', file.file)))).toEqual(bytes);
    }
    expect(out).toContain('6 files of pack acme-consulting v1 in acme.');
  });

  it('names the file and the JSON path of every problem, and builds nothing (exit 2)', async () => {
    const bad = JSON.parse(await readFile(PACK, 'utf8')) as PackInput & Record<string, unknown>;
    bad.columns = { 'capa-log': [{ key: 'owner2', header: 'Owner', type: 'text' }] };
    bad.supplierCriteria = [
      { criterion: 'Quality', weightPct: 60 },
      { criterion: 'Delivery', weightPct: 30 },
      { criterion: 'Responsiveness', weightPct: 10 },
      { criterion: 'Cost', weightPct: 10 },
    ];
    await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
    const { code, out, err } = await run('pack', 'build', 'bad.json', '--out', 'bad');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toEqual([
      // In the pack's own order: supplierCriteria comes before columns (the supplier columns are checked against it).
      'qms pack build: bad.json: supplierCriteria: the weights add up to 110, not 100; change the weightPct values so they total 100',
      'qms pack build: bad.json: columns.capa-log[0].header: "Owner" would be read as the template\'s own column "Owner" (its header or one of its aliases); give the extra column a header of its own',
    ]);
    await expect(readdir(join(dir, 'bad'))).rejects.toThrow();
  });

  it('exit 2 on a file that is no JSON, a missing file, or no subcommand', async () => {
    await writeFile(join(dir, 'broken.json'), '{"id": "x",');
    const broken = await run('pack', 'build', 'broken.json');
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(
      /^qms pack build: broken\.json: not valid JSON \(.+\); fix the syntax and build again\n$/,
    );
    const missing = await run('pack', 'build', 'nowhere.json');
    expect(missing.err).toBe('qms pack build: nowhere.json: no such file; check the path\n');
    expect((await run('pack')).err).toMatch(/^qms pack: name what to do\nUsage: qms pack build/);
    expect((await run('pack', 'unpublish')).err).toMatch(/^qms pack: unknown subcommand "unpublish"/);
  });
});

describe('qms check and packs', () => {
  it('reports the pack a workbook came from, from its qms.pack marker', async () => {
    const json = await run('check', join('acme', 'capa-log.xlsx'), '--json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as CheckReport & { pack?: unknown }).pack).toEqual({
      id: 'acme-consulting',
      version: 1,
    });
    const text = await run('check', join('acme', 'capa-log.xlsx'));
    expect(text.out).toContain('From pack acme-consulting v1 (its qms.pack marker).');
    expect(text.out).toContain('Its extra columns are left alone; add --pack PACK.json');
    const product = await run('check', join('acme', 'capa-log.xlsx'), '--pack', PACK, '--json');
    expect((JSON.parse(product.out) as { pack?: unknown }).pack).toEqual({
      id: 'acme-consulting',
      version: 1,
      checkedWith: { id: 'acme-consulting', version: 1 },
    });
  });

  it('with --pack, the extra columns are checked (a value off the list is an error at its cell)', async () => {
    await filledCapa(join(dir, 'filled.xlsx'));
    const without = await run('check', 'filled.xlsx', '--json');
    expect(without.code).toBe(0);
    expect((JSON.parse(without.out) as { pack?: unknown }).pack).toBeUndefined();
    const withPack = await run('check', 'filled.xlsx', '--pack', PACK, '--json');
    expect(withPack.code).toBe(1);
    const report = JSON.parse(withPack.out) as CheckReport;
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => [i.cell, i.code])).toEqual([
      ['CAPA Log!R7', 'cell.not-in-list'],
    ]);
    expect(report.summary.records).toBe(1);
    const text = await run('check', 'filled.xlsx', '--pack', PACK);
    expect(text.out).toContain('Checked with pack acme-consulting v1; the workbook has no pack marker.');
  });

  it('a bad --pack is exit 2 naming the JSON path', async () => {
    await writeFile(join(dir, 'v0.json'), JSON.stringify({ id: 'x', version: 0, title: 'X', templates: ['capa-log'] }));
    const { code, err } = await run('check', 'filled.xlsx', '--pack', 'v0.json');
    expect(code).toBe(2);
    expect(err).toMatch(/^qms check: v0\.json: version: /);
  });
});
