// @vitest-environment jsdom
// Upgrading an outdated template sheet through the adapter, on the demo workbook loaded into the Excel stand-in
// (values, markers, tables and document properties as the file holds them), with a made-up capa-log@2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  outdatedTemplates,
  planSheetUpgrade,
  PROFILE_SHEET,
  templateVersionNotes,
  versionRegistry,
} from '@qms/templates';
import { EXPORT_SHARE, registerProfileV2 } from '@qms/workbook-fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { createExcelPort } from './excel-port.ts';
import { dropDownSource } from './upgrade.ts';
import { registerCapaV2 } from '@qms/workbook-fixtures';
import { MemoryWorkbook } from '@qms/excel-standin';
import { decodeWorkbookXlsx, decodeXlsx } from '@qms/excel-standin/xlsx-decode';

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
// The repository root, from addin/src/<folder>/.
const REPO = join(import.meta.dirname, '..', '..', '..');
const DEMO = readFileSync(join(REPO, 'examples', 'demo-manufacturer.xlsx')).toString('base64');
const CAPA_FILE = readFileSync(join(REPO, 'templates', 'xlsx', 'capa-log.xlsx')).toString('base64');

async function demoWorkbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  wb.load(await decodeWorkbookXlsx(DEMO, parse));
  return wb;
}

afterEach(() => {
  // Every test undoes its made-up version; this guards the shipped registry all the same.
  expect(versionRegistry.current('capa-log')).toBe(1);
});

describe('the demo workbook in the stand-in', () => {
  it('carries the markers, tables and qms.templates of the file, and is current with the shipped templates', async () => {
    const wb = await demoWorkbook();
    expect(wb.sheet('CAPA Log')?.props.get('qms.template')).toBe('capa-log@1:CAPA Log');
    expect(wb.sheet('CAPA Log')?.tables).toEqual([
      { name: 'CAPALog', area: { row: 5, column: 1, rows: 61, columns: 17 } },
    ]);
    expect(JSON.parse(wb.docProps.get('qms.templates') ?? '{}')).toMatchObject({ 'capa-log': 1, 'gap-analysis': 1 });
    const { input } = await createExcelPort(wb.run).read();
    expect(templateVersionNotes(input)).toEqual([]);
  });
});

describe('upgradeSheet', () => {
  it('upgrades the two-column QMS Profile: the new field is appended as a row, every other cell kept', async () => {
    const wb = await demoWorkbook();
    const port = createExcelPort(wb.run);
    // The made-up qms-profile@2 of @qms/workbook-fixtures: one new field, filled with 0 on upgrade.
    const field = EXPORT_SHARE;
    const undo = registerProfileV2();
    try {
      const { input } = await port.read();
      const sheet = input.sheets.find((s) => s.name === PROFILE_SHEET)!;
      const plan = planSheetUpgrade(sheet, 'qms-profile', PROFILE_SHEET, 1);
      if (typeof plan === 'string') throw new Error(plan);
      const before = new Map(wb.sheet(PROFILE_SHEET)?.cells);
      const result = await port.upgradeSheet(plan, { ...input.templates, 'qms-profile': 2 });
      expect(result).toEqual({ cells: 2, dropDowns: 0 });
      const row = plan.writes[0]?.row ?? 0;
      expect(row).toBeGreaterThan(sheet.values.length - 1);
      expect([wb.value(PROFILE_SHEET, `A${row}`), wb.value(PROFILE_SHEET, `B${row}`)]).toEqual([field.header, 0]);
      const after = wb.sheet(PROFILE_SHEET)!.cells;
      expect([...before].filter(([k, v]) => after.get(k) !== v)).toEqual([]);
      expect(wb.sheet(PROFILE_SHEET)?.props.get('qms.template')).toBe('qms-profile@2:QMS Profile');
      expect(outdatedTemplates((await port.read()).input)).toEqual([]);
    } finally {
      undo();
    }
    expect(versionRegistry.current('qms-profile')).toBe(1);
  });

  it('adds the new column with its fill to every data row, widens the table, and rewrites both markers', async () => {
    const wb = await demoWorkbook();
    const port = createExcelPort(wb.run);
    const undo = registerCapaV2();
    try {
      const { input } = await port.read();
      const notes = outdatedTemplates(input);
      expect(notes.map((n) => [n.sheet, n.version, n.current, n.upgradable])).toEqual([['CAPA Log', 1, 2, true]]);
      const before = new Map(wb.sheet('CAPA Log')?.cells);
      const plan = planSheetUpgrade(
        input.sheets.find((s) => s.name === 'CAPA Log')!,
        'capa-log',
        'CAPA Log',
        1,
      );
      if (typeof plan === 'string') throw new Error(plan);
      wb.syncs = 0;
      const result = await port.upgradeSheet(plan, { ...input.templates, 'capa-log': 2 });

      expect(wb.syncs).toBe(3);
      expect(result).toEqual({ cells: 61, table: 'CAPALog', dropDowns: 1 });
      expect(wb.sheet('CAPA Log')?.validations).toEqual([
        { area: { row: 6, column: 18, rows: 60, columns: 1 }, source: 'Yes,No' },
      ]);
      expect(wb.value('CAPA Log', 'R5')).toBe('Customer informed');
      for (let row = 6; row <= 65; row++) expect(wb.value('CAPA Log', `R${row}`)).toBe('No');
      // Every cell the user had is still there, unchanged.
      const after = wb.sheet('CAPA Log')!.cells;
      expect([...before].filter(([k, v]) => after.get(k) !== v)).toEqual([]);
      expect(wb.sheet('CAPA Log')?.tables[0]?.area).toEqual({ row: 5, column: 1, rows: 61, columns: 18 });
      expect(wb.sheet('CAPA Log')?.props.get('qms.template')).toBe('capa-log@2:CAPA Log');
      expect(JSON.parse(wb.docProps.get('qms.templates') ?? '{}')).toEqual({
        'qms-profile': 1,
        'gap-analysis': 1,
        'kpi-tracker': 1,
        'supplier-evaluation': 1,
        'capa-log': 2,
        'audit-programme': 1,
        'management-review': 1,
        'cb-comparison': 1,
        'document-register': 1,
        'training-records': 1,
      });
      expect(outdatedTemplates((await port.read()).input)).toEqual([]);
    } finally {
      undo();
    }
  });

  it('writes the cells and markers of a sheet without a table and says no table was widened', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('CAPA Log', [
      ['Brand'],
      ['CAPA Log'],
      ['CAPA ID', 'Date opened', 'Status'],
      ['C-1', '2026-01-10', 'Open'],
    ]).props.set('qms.template', 'capa-log@1:CAPA Log');
    const port = createExcelPort(wb.run);
    const undo = registerCapaV2();
    try {
      const { input } = await port.read();
      const plan = planSheetUpgrade(input.sheets[0]!, 'capa-log', 'CAPA Log', 1);
      if (typeof plan === 'string') throw new Error(plan);
      expect(await port.upgradeSheet(plan, { 'capa-log': 2 })).toEqual({ cells: 2, dropDowns: 1 });
      expect(wb.sheet('CAPA Log')?.validations).toEqual([
        { area: { row: 4, column: 4, rows: 1, columns: 1 }, source: 'Yes,No' },
      ]);
      expect([wb.value('CAPA Log', 'D3'), wb.value('CAPA Log', 'D4')]).toEqual(['Customer informed', 'No']);
      expect(wb.sheet('CAPA Log')?.props.get('qms.template')).toBe('capa-log@2:CAPA Log');
    } finally {
      undo();
    }
  });
});

describe('upgradeSheet on an older Excel', () => {
  it('without Table.resize, drop-downs or sheet markers still writes the cells and qms.templates, and says no table was widened', async () => {
    const wb = await demoWorkbook();
    const port = createExcelPort(wb.run, { sheetMarkers: false, tableResize: false, dataValidation: false });
    const undo = registerCapaV2();
    try {
      const { input } = await port.read();
      const plan = planSheetUpgrade(
        input.sheets.find((s) => s.name === 'CAPA Log')!,
        'capa-log',
        'CAPA Log',
        1,
      );
      if (typeof plan === 'string') throw new Error(plan);
      wb.syncs = 0;
      expect(await port.upgradeSheet(plan, { ...input.templates, 'capa-log': 2 })).toEqual({ cells: 61, dropDowns: 0 });
      expect(wb.syncs).toBe(2);
      expect(wb.value('CAPA Log', 'R5')).toBe('Customer informed');
      expect(wb.sheet('CAPA Log')?.tables[0]?.area.columns).toBe(17);
      expect(wb.sheet('CAPA Log')?.validations).toEqual([]);
      expect(wb.sheet('CAPA Log')?.props.get('qms.template')).toBe('capa-log@1:CAPA Log');
      expect(JSON.parse(wb.docProps.get('qms.templates') ?? '{}')).toMatchObject({ 'capa-log': 2 });
    } finally {
      undo();
    }
  });
});

describe('dropDownSource', () => {
  it('gives Yes/No and short lists, and no drop-down where Excel could not hold the list inline', () => {
    expect(dropDownSource({ key: 'a', header: 'A', type: 'yesno' })).toBe('Yes,No');
    expect(dropDownSource({ key: 'a', header: 'A', type: 'list', list: ['Open', 'Closed'] })).toBe('Open,Closed');
    expect(dropDownSource({ key: 'a', header: 'A', type: 'list', list: ['Yes, with evidence', 'No'] })).toBeUndefined();
    expect(
      dropDownSource({ key: 'a', header: 'A', type: 'list', list: Array.from({ length: 60 }, (_, i) => `Value ${i}`) }),
    ).toBeUndefined();
    expect(dropDownSource({ key: 'a', header: 'A', type: 'text' })).toBeUndefined();
    expect(dropDownSource(undefined)).toBeUndefined();
  });
});

describe('insert with a brand', () => {
  it("stamps the consultant's brand into the brand row of each template sheet of the real file", async () => {
    const wb = new MemoryWorkbook();
    wb.decodeXlsx = (base64) => decodeXlsx(base64, parse);
    const port = createExcelPort(wb.run);
    const request = {
      file: { id: 'capa-log', base64: CAPA_FILE },
      markers: { 'CAPA Log': 'capa-log@1:CAPA Log' },
      templates: { 'capa-log': 1 },
    };
    await port.insert(request);
    const unbranded = wb.value('CAPA Log', 'A1');
    expect(unbranded).toBe('QMS Readiness for Excel');
    const { sheets } = await port.insert({ ...request, brand: 'Northbridge Quality Partners' });
    expect(sheets).toEqual(['CAPA Log (2)']);
    expect(wb.value('CAPA Log (2)', 'A1')).toBe('Northbridge Quality Partners');
    // Only the brand cell changes: the title and header rows are the file's.
    expect(wb.value('CAPA Log (2)', 'A2')).toBe(wb.value('CAPA Log', 'A2'));
    expect(wb.value('CAPA Log', 'A1')).toBe(unbranded);
  });

  it('leaves sheets that carry no template marker (lists, guides) alone', async () => {
    const wb = new MemoryWorkbook();
    wb.decodeXlsx = () => [
      { name: 'CAPA Log', rows: [['QMS Readiness for Excel'], ['CAPA Log']] },
      { name: 'Lists', rows: [['Status'], ['Open']] },
    ];
    await createExcelPort(wb.run).insert({
      file: { id: 'capa-log', base64: 'UEsDBA==' },
      markers: { 'CAPA Log': 'capa-log@1:CAPA Log' },
      templates: { 'capa-log': 1 },
      brand: '=HYPERLINK("x") O\'Brien',
    });
    expect(wb.value('CAPA Log', 'A1')).toBe('=HYPERLINK("x") O\'Brien');
    expect(wb.sheet('CAPA Log')?.formulas.size).toBe(0);
    expect(wb.value('Lists', 'A1')).toBe('Status');
  });
});
