import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../src/index.js';
import { CORPUS_AS_OF, CORPUS_DIR, CORPUS_FEATURES, corpusManifest, featuresOf } from '@qms/workbook-fixtures/corpus';
import { readWorkbook } from '../../src/xlsx/index.js';

/**
 * The corpus manifest (templates/corpus/manifest.json): every workbook another program wrote, with the features its
 * package holds, its sheets and its CAPA record count. The features are checked against the bytes, so a generator
 * that stops writing one fails here rather than leaving the corpus quietly thinner.
 */
const manifest = corpusManifest();

describe('xlsx.corpus: the corpus and its manifest', () => {
  it('lists every readable workbook in the folder, from at least four writers, 25 files or more', async () => {
    const onDisk = (await readdir(CORPUS_DIR)).filter((f) => /\.xls[xm]$/.test(f) && !/^(hostile|refused)-/.test(f));
    expect(manifest.map((e) => e.file).sort()).toEqual(onDisk.sort());
    expect(manifest.length).toBeGreaterThanOrEqual(25);
    expect(new Set(manifest.map((e) => e.writer))).toEqual(new Set(['openpyxl', 'libreoffice', 'exceljs', 'handmade']));
    for (const e of manifest) expect(onDiskScripts(await readdir(CORPUS_DIR))).toContain(e.madeBy);
  });

  it('together holds every feature the reader must take', () => {
    const covered = new Set(manifest.flatMap((e) => e.features));
    expect(CORPUS_FEATURES.filter((f) => !covered.has(f))).toEqual([]);
  });

  it.each(manifest.map((e) => [e.file, e] as const))('%s: its features, sheets and records', async (file, entry) => {
    const bytes = new Uint8Array(await readFile(join(CORPUS_DIR, file)));
    expect(await featuresOf(bytes)).toEqual(entry.features);
    const input = await readWorkbook(bytes);
    expect(input.sheets.map((s) => s.name)).toEqual(entry.sheets);
    expect(input.templates !== undefined || input.sheets.some((s) => s.marker !== undefined)).toBe(entry.versioned);
    const result = validateWorkbook(input, { asOf: CORPUS_AS_OF });
    expect(result.recognised.map((r) => [r.sheet, r.templateId])).toEqual([['CAPA Log', 'capa-log']]);
    expect(result.records.filter((r) => r.type === 'capa')).toHaveLength(entry.records);
  });
});

function onDiskScripts(names: string[]): string[] {
  return names.filter((n) => /^make_/.test(n));
}
