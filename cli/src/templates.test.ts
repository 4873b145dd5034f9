import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkbook, TEMPLATE_FILES } from '@qms/templates/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { TEMPLATE_XLSX_DIR } from '@qms/workbook-fixtures/filled';
import { memoryIo } from './shared/memory-io.js';

const NOW = new Date(2026, 5, 30, 12, 0, 0);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-templates-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('qms templates', () => {
  it('writes one file per template and the QMS Starter, and says what it wrote', async () => {
    const io = memoryIo(dir, NOW);
    expect(await main(['templates', '--out', 'plain'], io)).toBe(0);
    expect(io.err()).toBe('');
    const names = TEMPLATE_FILES.map((f) => f.file);
    expect(names).toHaveLength(14);
    expect(names).toEqual(
      expect.arrayContaining([
        'management-review.xlsx',
        'cb-comparison.xlsx',
        'document-register.xlsx',
        'training-records.xlsx',
        'training-wide.xlsx',
      ]),
    );
    expect((await readdir(join(dir, 'plain'))).sort()).toEqual([...names].sort());
    for (const name of names) expect(io.out()).toContain(`wrote ${join('plain', name)}`);
    expect(io.out()).toContain('14 files in plain.');
    // Unbranded output is exactly the committed files.
    for (const name of names) {
      const written = await readFile(join(dir, 'plain', name));
      const committed = await readFile(join(TEMPLATE_XLSX_DIR, name));
      expect(written.equals(committed), name).toBe(true);
    }
  });

  it('--brand puts the brand text in the first row of every sheet', async () => {
    const io = memoryIo(dir, NOW);
    expect(await main(['templates', '--brand', 'Acme Quality Partners', '--out', 'branded'], io)).toBe(0);
    expect(io.out()).toContain('branded "Acme Quality Partners"');
    const input = await readWorkbook(new Uint8Array(await readFile(join(dir, 'branded', 'qms-starter.xlsx'))));
    expect(input.sheets.map((s) => s.values[0]?.[0])).toEqual(input.sheets.map(() => 'Acme Quality Partners'));
    const check = memoryIo(dir, NOW);
    expect(await main(['check', join('branded', 'capa-log.xlsx')], check)).toBe(0);
  });

  it('exit 2 on bad options or an unwritable folder', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    const cases: [string[], RegExp][] = [
      [['templates', '--colour'], /^qms templates: Unknown option '--colour'/],
      [['templates', '--brand', '  '], /^qms templates: --brand is empty/],
      [['templates', '--out', 'a-file'], /^qms templates: cannot write to a-file/],
      [['templates', 'extra'], /^qms templates: .*positional/i],
    ];
    for (const [argv, reason] of cases) {
      const io = memoryIo(dir, NOW);
      expect(await main(argv, io), argv.join(' ')).toBe(2);
      expect(io.err(), argv.join(' ')).toMatch(reason);
    }
  });
});
