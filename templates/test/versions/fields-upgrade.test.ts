import { describe, expect, it } from 'vitest';
import type { FieldSheetSpec } from '../../src/core/spec.js';
import type { TemplateModule } from '../../src/core/template.js';
import { parseWorkbook, type WorkbookInput } from '../../src/core/workbook.js';
import { PROFILE_SHEET, qmsProfile, qmsProfileSpec } from '../../src/qms-profile/index.js';
import { EXPORT_SHARE, PROFILE_V2 } from '@qms/workbook-fixtures';
import { TEMPLATE_MODULES } from '../../src/registry.js';
import type { Migration } from '../../src/versions/migration.js';
import { outdatedTemplates } from '../../src/versions/outdated.js';
import { upgradeWorkbookInput } from '../../src/versions/plan.js';
import { VersionRegistry } from '../../src/versions/registry.js';

// A made-up qms-profile@2 (never shipped): "Certification body" becomes "Certification body (CB)", "Travel per
// audit day" is no longer read, and a new field "Export share (%)" arrives, filled with 0 on upgrade.
const AS_OF = '2026-06-30';
const v1Sheet = qmsProfileSpec.sheets[0] as FieldSheetSpec;
const v2Sheet: FieldSheetSpec = {
  ...v1Sheet,
  fields: [
    ...v1Sheet.fields
      .filter((f) => f.key !== 'travelPerAuditDay')
      .map((f) => (f.key === 'certificationBody' ? { ...f, header: 'Certification body (CB)', aliases: [] } : f)),
    EXPORT_SHARE,
  ],
};
// The shared made-up qms-profile@2 (its rules add the new field to the record), with this test's richer sheet.
const profileV2: TemplateModule = { ...PROFILE_V2, spec: { ...PROFILE_V2.spec, sheets: [v2Sheet] } };
const toV2: Migration = {
  templateId: 'qms-profile',
  from: 1,
  to: 2,
  description: 'Renames Certification body, retires Travel per audit day, adds Export share (%)',
  sheets: [
    {
      sheet: PROFILE_SHEET,
      changes: [
        { kind: 'rename', from: 'Certification body', to: 'Certification body (CB)' },
        { kind: 'remove', header: 'Travel per audit day' },
        { kind: 'add', header: 'Export share (%)', fill: 0 },
      ],
    },
  ],
};

const filled: Record<string, unknown> = {
  'Organization name': 'Acme Precision Ltd',
  'Certification scope': 'Design and machining of precision parts',
  'Sites in scope': 2,
  'Effective personnel': 48,
  'Risk category': 'Medium',
  'Target certification date': '2026-12-15',
  'Certification body': 'Example Certification',
  'CB day rate': 1100,
  Currency: 'GBP',
  'Travel per audit day': 150,
};

/** A v1 QMS Profile as a user keeps it: title rows, the fields, a blank row, and a note row of their own. */
function v1Workbook(): WorkbookInput {
  const values = [
    ['Acme Precision Ltd — QMS Profile'],
    [],
    ['Field', 'Value'],
    ...v1Sheet.fields.map((f) => [f.header, filled[f.header] ?? '']),
    [],
    ['My note', 'Scope agreed with the CB on 3 March'],
  ];
  return {
    sheets: [{ name: PROFILE_SHEET, values, marker: 'qms-profile@1:QMS Profile' }],
    templates: { 'qms-profile': 1 },
  };
}

describe('upgrading a Field | Value sheet', () => {
  it('versions.fields-upgrade: relabels, retires and appends field rows, keeps every value, and v2 parses the same profile plus the new field', () => {
    const registry = new VersionRegistry(TEMPLATE_MODULES).withVersion(profileV2, [toV2]);
    const before = v1Workbook();
    const v1 = parseWorkbook(before, [qmsProfile], { asOf: AS_OF });
    expect(v1.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(v1.records).toHaveLength(1);
    expect(outdatedTemplates(before, registry)).toMatchObject([{ sheet: PROFILE_SHEET, version: 1, upgradable: true }]);

    const { input, plan } = upgradeWorkbookInput(before, registry);
    expect(plan.problems).toEqual([]);
    const upgrade = plan.sheets[0];
    expect(upgrade).toMatchObject({ from: 1, to: 2, headerRow: 3, marker: 'qms-profile@2:QMS Profile', added: [] });
    const rowOf = (label: string) => 4 + v1Sheet.fields.findIndex((f) => f.header === label);
    const lastRow = 3 + v1Sheet.fields.length + 2; // the fields, a blank row, the user's note
    expect(upgrade?.writes).toEqual([
      { row: rowOf('Certification body'), column: 1, value: 'Certification body (CB)' },
      { row: rowOf('Travel per audit day'), column: 1, value: 'Travel per audit day (not used since qms-profile@2)' },
      { row: lastRow + 1, column: 1, value: 'Export share (%)' },
      { row: lastRow + 1, column: 2, value: 0 },
    ]);
    expect(upgrade?.notes).toEqual([
      expect.stringContaining('Field "Travel per audit day" is no longer read since qms-profile@2'),
      `Field "Export share (%)" (new in qms-profile@2) was added as row ${lastRow + 1}`,
    ]);

    // Every cell the user had is still there; only the two labels changed, and one row was appended.
    const after = input.sheets[0]?.values ?? [];
    const old = before.sheets[0]?.values ?? [];
    expect(after).toHaveLength(old.length + 1);
    old.forEach((row, i) => {
      const relabelled = i + 1 === rowOf('Certification body') || i + 1 === rowOf('Travel per audit day');
      expect(after[i]?.slice(1)).toEqual(row.slice(1));
      if (!relabelled) expect(after[i]?.[0]).toEqual(row[0]);
    });

    const v2 = parseWorkbook(input, [profileV2], { asOf: AS_OF });
    expect(v2.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const { travelPerAuditDay: _dropped, ...kept } = v1.records[0]?.data ?? {};
    expect(v2.records[0]?.data).toEqual({ ...kept, exportShare: 0 });
    expect(v2.records[0]?.data.certificationBody).toBe('Example Certification');

    // Upgrading again finds nothing to do.
    expect(upgradeWorkbookInput(input, registry).plan.sheets).toEqual([]);
  });

  it('versions.fields-upgrade-notes: a renamed field missing from the sheet and a new field already there are reported, not written', () => {
    const registry = new VersionRegistry(TEMPLATE_MODULES).withVersion(profileV2, [toV2]);
    const wb = v1Workbook();
    const sheet = wb.sheets[0];
    if (!sheet) throw new Error('no sheet');
    const values = sheet.values.filter((r) => r[0] !== 'Certification body').concat([['Export share (%)', 12]]);
    const { plan } = upgradeWorkbookInput({ ...wb, sheets: [{ ...sheet, values }] }, registry);
    expect(plan.sheets[0]?.notes).toEqual([
      'Field "Certification body" (renamed "Certification body (CB)" in qms-profile@2) was not on the sheet; nothing to rename',
      expect.stringContaining('Field "Travel per audit day" is no longer read'),
      'Field "Export share (%)" (new in qms-profile@2) was already on the sheet; left as it is',
    ]);
    expect(plan.sheets[0]?.writes.map((w) => w.value)).toEqual(['Travel per audit day (not used since qms-profile@2)']);
  });

  it('versions.fields-upgrade-no-header: a profile sheet without its Field header is a problem, not a guess', () => {
    const registry = new VersionRegistry(TEMPLATE_MODULES).withVersion(profileV2, [toV2]);
    const wb: WorkbookInput = {
      sheets: [{ name: PROFILE_SHEET, values: [['Name', 'Acme']], marker: 'qms-profile@1:QMS Profile' }],
    };
    expect(upgradeWorkbookInput(wb, registry).plan).toMatchObject({
      sheets: [],
      problems: [expect.stringContaining('no "Field" header was found')],
    });
  });
});
