// @vitest-environment jsdom
// The pane marks inserted sheets by name, so every committed template file must hold its spec's sheets under
// the spec's names, with the header row where the parser looks for it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STARTER_MODULES, TEMPLATE_MODULES, validateWorkbook } from '@qms/templates';
import { describe, expect, it } from 'vitest';
import { decodeXlsx } from '@qms/excel-standin/xlsx-decode';
import { markersOf, sheetBuilds, templateChoices, versionsOf } from './catalogue.ts';

const XLSX_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates', 'xlsx');
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
const files = readdirSync(XLSX_DIR).filter((f) => f.endsWith('.xlsx'));
/** Spec sheets a file may leave out: supplier criteria may sit in a block on the supplier sheet instead. */
const OPTIONAL_SHEETS = new Set(['Evaluation Criteria']);

async function sheetsOf(file: string) {
  return decodeXlsx(readFileSync(join(XLSX_DIR, file)).toString('base64'), parse);
}

describe('template files and markers', () => {
  it('has one file per template and a starter', () => {
    const ids = TEMPLATE_MODULES.map((m) => m.spec.id);
    expect(ids.filter((id) => !files.includes(`${id}.xlsx`))).toEqual([]);
    expect(files.some((f) => /starter/.test(f))).toBe(true);
  });

  it.each(TEMPLATE_MODULES.map((m) => [m.spec.id, m] as const))(
    '%s.xlsx holds its spec sheets by name, recognised by header',
    async (id, module) => {
      const sheets = await sheetsOf(`${id}.xlsx`);
      const markers = markersOf([module]);
      const names = sheets.map((s) => s.name);
      const expected = Object.keys(markers).filter((name) => !OPTIONAL_SHEETS.has(name));
      expect(expected.filter((name) => !names.includes(name))).toEqual([]);
      // Without markers, the header row alone must lead the parser to the right template.
      const result = validateWorkbook(
        { sheets: sheets.map((s) => ({ name: s.name, values: s.rows })) },
        { asOf: '2026-03-31' },
      );
      expect(
        result.recognised
          .filter((r) => r.templateId === id)
          .map((r) => r.specSheet)
          .sort(),
      ).toEqual(expected.sort());
    },
  );

  it('the starter holds every template sheet', async () => {
    const starter = files.find((f) => /starter/.test(f)) ?? '';
    const names = (await sheetsOf(starter)).map((s) => s.name);
    expect(
      Object.keys(markersOf(STARTER_MODULES)).filter((name) => !names.includes(name) && !OPTIONAL_SHEETS.has(name)),
    ).toEqual([]);
  });
});

describe('sheets built without ExcelApi 1.13', () => {
  it('are recognised by their markers and headers, with the clause catalogue pre-filled', () => {
    const builds = sheetBuilds(TEMPLATE_MODULES, 'Qualis Consulting');
    expect(builds.map((b) => b.name)).toEqual(Object.keys(markersOf(TEMPLATE_MODULES)));
    const result = validateWorkbook(
      { sheets: builds.map((b) => ({ name: b.name, values: b.rows, marker: b.marker })) },
      { asOf: '2026-03-31' },
    );
    expect(result.recognised.map((r) => r.by)).toEqual(builds.map(() => 'marker'));
    expect(result.records.filter((r) => r.type === 'gap').length).toBeGreaterThan(20);
    expect(result.records.filter((r) => r.type === 'supplier-criterion').map((r) => r.data.weightPct)).toEqual([
      40, 30, 15, 15,
    ]);
    // Blank templates only lack the user's own data: no error may come from the built layout itself.
    expect(result.issues.filter((i) => i.severity === 'error' && !i.sheet.startsWith('QMS Profile'))).toEqual([]);
    expect(builds[0]?.rows[0]?.[0]).toBe('QMS Profile — Qualis Consulting');
  });

  it('offers the starter first and every template after it', () => {
    const choices = templateChoices();
    expect(choices.map((c) => c.id)).toEqual(['starter', ...TEMPLATE_MODULES.map((m) => m.spec.id)]);
    expect(choices.map((c) => c.id)).toEqual(expect.arrayContaining(['management-review', 'cb-comparison']));
    expect(choices[0]?.modules.map((m) => m.spec.id)).toEqual(
      expect.arrayContaining(['management-review', 'cb-comparison']),
    );
    expect(versionsOf(choices[0]?.modules ?? [])).toEqual(
      Object.fromEntries(STARTER_MODULES.map((m) => [m.spec.id, m.spec.version])),
    );
  });
});
