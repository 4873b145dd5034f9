import { afterEach, describe, expect, it } from 'vitest';
import { capaLog, capaLogSpec, CAPA_SHEET } from '../capa-log/index.js';
import { makeRecord } from '../core/record.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead } from '../core/table.js';
import type { TemplateModule } from '../core/template.js';
import { parseWorkbook, type WorkbookInput } from '../core/workbook.js';
import { TEMPLATE_MODULES } from '../registry.js';
import { retiredHeader, type Migration } from './migration.js';
import { describeVersionNote, outdatedTemplates, templateVersionNotes } from './outdated.js';
import { planUpgrade, upgradeWorkbookInput } from './plan.js';
import { VersionRegistry, versionRegistry } from './registry.js';

// A made-up capa-log@2 (never shipped): adds "Customer informed" (Yes/No, filled with No on upgrade).
const v1Sheet = capaLogSpec.sheets[0] as TableSheetSpec;
function capaVersion(version: number, sheet: TableSheetSpec, extraKeys: readonly string[]): TemplateModule {
  return {
    ...capaLog,
    spec: { ...capaLogSpec, version, sheets: [sheet] },
    // The shipped rules build data from the v1 columns; the made-up version adds its own keys from the read rows.
    rules: (reads, ctx) => {
      const base = capaLog.rules(reads, ctx);
      const rows = (reads[CAPA_SHEET] as TableRead | undefined)?.rows ?? [];
      const records = base.records.map((r) => {
        const row = rows.find((x) => x.row === r.source.row);
        const extra = Object.fromEntries(extraKeys.map((k) => [k, row?.values[k]]));
        return makeRecord(r.type, r.id, { ...r.data, ...extra }, r.source, r.warnings);
      });
      return { ...base, version, records };
    },
  };
}
const v2Sheet: TableSheetSpec = {
  ...v1Sheet,
  columns: [
    ...v1Sheet.columns,
    { key: 'customerInformed', header: 'Customer informed', type: 'yesno', defaultValue: false },
  ],
};
const capaV2 = capaVersion(2, v2Sheet, ['customerInformed']);
const toV2: Migration = {
  templateId: 'capa-log',
  from: 1,
  to: 2,
  description: 'Adds Customer informed',
  sheets: [{ sheet: CAPA_SHEET, changes: [{ kind: 'add', header: 'Customer informed', fill: 'No' }] }],
};

const HEADER = v1Sheet.columns.map((c) => c.header);
function row(id: string, over: Record<string, unknown> = {}): unknown[] {
  const base: Record<string, unknown> = {
    'CAPA ID': id,
    'Date opened': '2026-01-10',
    Source: 'Internal audit',
    Severity: 'Minor',
    Status: 'Open',
    'Due date': '2026-12-31',
    ...over,
  };
  return HEADER.map((h) => base[h] ?? null);
}
/** A v1 CAPA Log with title rows, a user's own column, a blank row in the middle and one row with an error. */
function v1Workbook(
  n: number,
  marker: string | null = 'capa-log@1:CAPA Log',
  templates: Record<string, number> = { 'capa-log': 1 },
): WorkbookInput {
  const rows: unknown[][] = [];
  for (let i = 1; i <= n; i++) rows.push([...row(`C-${i}`), `note ${i}`]);
  rows.splice(2, 0, []);
  // Closed without evidence: an error, so no record; the upgrade must keep the row all the same.
  rows.push([...row('C-BAD', { Status: 'Closed' }), 'fix me']);
  const values = [['Brand'], ['CAPA Log'], [], [...HEADER, 'My notes'], ...rows];
  return { sheets: [{ name: 'CAPA Log', values, ...(marker ? { marker } : {}) }], templates };
}

afterEach(() => {
  // Each test that registers a made-up version undoes it; this guards the shipped registry all the same.
  expect(versionRegistry.current('capa-log')).toBe(1);
});

describe('template versions', () => {
  it('versions.none-outdated-when-shipped: with the shipped registry a capa-log@1 workbook is current', () => {
    expect(outdatedTemplates(v1Workbook(3))).toEqual([]);
    expect(planUpgrade(v1Workbook(3)).sheets).toEqual([]);
  });

  it('versions.outdated-by-marker: a capa-log@1 marker is outdated once capa-log@2 is registered, with the message check prints', () => {
    const undo = versionRegistry.register(capaV2, [toV2]);
    try {
      const notes = outdatedTemplates(v1Workbook(3));
      expect(notes).toEqual([
        {
          sheet: 'CAPA Log',
          templateId: 'capa-log',
          specSheet: 'CAPA Log',
          version: 1,
          current: 2,
          from: 'marker',
          status: 'outdated',
          upgradable: true,
        },
      ]);
      expect(describeVersionNote(notes[0]!, 'log.xlsx')).toBe(
        'CAPA Log uses capa-log@1; this qms ships capa-log@2: run `qms upgrade log.xlsx --out NEW.xlsx`',
      );
    } finally {
      undo();
    }
  });

  it('versions.outdated-by-property: a sheet without marker takes its version from the qms.templates property', () => {
    const registry = new VersionRegistry(TEMPLATE_MODULES).withVersion(capaV2, [toV2]);
    expect(outdatedTemplates(v1Workbook(2, null), registry)).toMatchObject([
      { sheet: 'CAPA Log', version: 1, from: 'property' },
    ]);
    // Recognised by header with no version anywhere: nothing says it is old.
    expect(outdatedTemplates(v1Workbook(2, null, {}), registry)).toEqual([]);
  });

  it('versions.newer-and-no-path: a newer marker is reported as newer; a version with no migration is not upgradable', () => {
    const registry = new VersionRegistry(TEMPLATE_MODULES).withVersion(capaV2, []);
    const newer = templateVersionNotes(v1Workbook(1, 'capa-log@3:CAPA Log'), registry);
    expect(newer).toMatchObject([{ status: 'newer', version: 3, current: 2 }]);
    expect(describeVersionNote(newer[0]!)).toContain('update qms');
    const stuck = outdatedTemplates(v1Workbook(1), registry);
    expect(stuck).toMatchObject([{ upgradable: false }]);
    expect(planUpgrade(v1Workbook(1), registry)).toMatchObject({
      sheets: [],
      problems: [expect.stringContaining('no upgrade leads from capa-log@1')],
    });
  });

  it('versions.upgrade-keeps-rows: every row and cell is kept, the new column is filled, v2 parses the same records plus the default', () => {
    const registry = new VersionRegistry(TEMPLATE_MODULES).withVersion(capaV2, [toV2]);
    const n = 7;
    const before = v1Workbook(n);
    const v1 = parseWorkbook(before, [capaLog], { asOf: '2026-06-30' });
    expect(v1.records).toHaveLength(n);

    const { input: after, plan } = upgradeWorkbookInput(before, registry);
    expect(plan.problems).toEqual([]);
    expect(plan.sheets).toMatchObject([
      { sheet: 'CAPA Log', from: 1, to: 2, headerRow: 4, dataRows: n + 1, marker: 'capa-log@2:CAPA Log' },
    ]);
    expect(after.templates).toEqual({ 'capa-log': 2 });
    const grid = after.sheets[0]!.values;
    // Header: the old headers, the user's column, then the new one.
    expect(grid[3]).toEqual([...HEADER, 'My notes', 'Customer informed']);
    // Every original cell is unchanged; non-blank rows gain "No", the blank row stays blank.
    before.sheets[0]!.values.forEach((r, i) => {
      r.forEach((v, c) => expect(grid[i]?.[c]).toEqual(v));
      if (i > 3) expect(grid[i]?.[HEADER.length + 1]).toBe(r.length === 0 ? undefined : 'No');
    });
    expect(outdatedTemplates(after, registry)).toEqual([]);

    const v2 = parseWorkbook(after, registry.currentModules(), { asOf: '2026-06-30' });
    expect(v2.records.map((r) => r.id)).toEqual(v1.records.map((r) => r.id));
    for (const r of v2.records) expect(r.data).toMatchObject({ customerInformed: false });
    expect(v2.issues.map((i) => i.code)).toEqual(v1.issues.map((i) => i.code));
  });

  it('versions.rename-remove: renamed headers keep their cells; removed columns keep theirs under a retired header', () => {
    const v3Sheet: TableSheetSpec = {
      ...v2Sheet,
      columns: v2Sheet.columns
        .filter((c) => c.key !== 'rootCauseMethod')
        .map((c) => (c.key === 'owner' ? { ...c, header: 'Action owner', aliases: [] } : c)),
    };
    const toV3: Migration = {
      templateId: 'capa-log',
      from: 2,
      to: 3,
      description: 'Owner becomes Action owner; Root cause method is dropped',
      sheets: [
        {
          sheet: CAPA_SHEET,
          changes: [
            { kind: 'rename', from: 'Owner', to: 'Action owner' },
            { kind: 'remove', header: 'Root cause method' },
            { kind: 'add', header: 'Customer informed', fill: 'No' },
          ],
        },
      ],
    };
    const registry = new VersionRegistry(TEMPLATE_MODULES).withVersion(capaVersion(3, v3Sheet, ['customerInformed']), [
      toV2,
      toV3,
    ]);
    const before = v1Workbook(2);
    const first = before.sheets[0]!.values[4] as unknown[];
    first[HEADER.indexOf('Owner')] = 'Dana';
    first[HEADER.indexOf('Root cause method')] = '5 Whys';
    const { input: after, plan } = upgradeWorkbookInput(before, registry);
    const header = after.sheets[0]!.values[3]!;
    expect(header[HEADER.indexOf('Owner')]).toBe('Action owner');
    expect(header[HEADER.indexOf('Root cause method')]).toBe(retiredHeader('Root cause method', 'capa-log', 3));
    // Added in v2 and again listed in v3: added once.
    expect(header.filter((h) => h === 'Customer informed')).toHaveLength(1);
    expect(after.sheets[0]!.values[4]![HEADER.indexOf('Root cause method')]).toBe('5 Whys');
    expect(plan.sheets[0]?.notes.join(' ')).toContain('already on the sheet');
    const parsed = parseWorkbook(after, registry.currentModules(), { asOf: '2026-06-30' });
    expect(parsed.records[0]?.data).toMatchObject({ owner: 'Dana', customerInformed: false });
    expect(parsed.records[0]?.data).not.toHaveProperty('rootCauseMethod');
  });

  it('versions.shipped-chains: every shipped template can be upgraded from version 1 (raising a version needs a migration)', () => {
    for (const m of TEMPLATE_MODULES) {
      expect(
        versionRegistry.chain(m.spec.id, 1),
        `${m.spec.id}@${m.spec.version} has no migration chain from version 1`,
      ).toBeDefined();
      expect(versionRegistry.chain(m.spec.id, 1)).toHaveLength(m.spec.version - 1);
    }
  });

  it('versions.registry-steps: migrations go up one version at a time, and register can be undone', () => {
    expect(() => new VersionRegistry(TEMPLATE_MODULES, [{ ...toV2, to: 3 }])).toThrow(/exactly one version/);
    expect(() => versionRegistry.register(capaV2, [toV2, toV2])).toThrow(/Two migrations/);
    expect(versionRegistry.current('capa-log')).toBe(1);
    const undo = versionRegistry.register(capaV2, [toV2]);
    expect(versionRegistry.current('capa-log')).toBe(2);
    expect(versionRegistry.chain('capa-log', 1)).toEqual([toV2]);
    undo();
    expect(versionRegistry.chain('capa-log', 1)).toEqual([]);
  });
});
