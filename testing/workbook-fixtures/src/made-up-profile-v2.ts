/**
 * A made-up qms-profile@2 for tests of the upgrade path (never shipped): one new field, "Export share (%)", which
 * the upgrade appends as a row with the value 0. `registerProfileV2()` makes it current in the shared version
 * registry and returns the undo function.
 */
import { makeRecord, PROFILE_SHEET, qmsProfile, qmsProfileSpec, versionRegistry } from '@qms/templates';
import type { FieldSheetSpec, FieldsRead, Migration, TemplateModule } from '@qms/templates';

const v1 = qmsProfileSpec.sheets[0] as FieldSheetSpec;

export const EXPORT_SHARE = { key: 'exportShare', header: 'Export share (%)', type: 'number' } as const;

export const PROFILE_V2: TemplateModule = {
  ...qmsProfile,
  spec: { ...qmsProfileSpec, version: 2, sheets: [{ ...v1, fields: [...v1.fields, EXPORT_SHARE] }] },
  // The shipped rules build data from the v1 fields; the made-up version adds its new field from the read row.
  rules: (reads, ctx) => {
    const base = qmsProfile.rules(reads, ctx);
    const share = (reads[PROFILE_SHEET] as FieldsRead | undefined)?.row.values.exportShare;
    const records = base.records.map((r) =>
      makeRecord(r.type, r.id, { ...r.data, exportShare: share }, r.source, r.warnings),
    );
    return { ...base, version: 2, records };
  },
};

export const PROFILE_TO_V2: Migration = {
  templateId: 'qms-profile',
  from: 1,
  to: 2,
  description: 'QMS Profile gains "Export share (%)"',
  sheets: [{ sheet: PROFILE_SHEET, changes: [{ kind: 'add', header: EXPORT_SHARE.header, fill: 0 }] }],
};

export function registerProfileV2(): () => void {
  return versionRegistry.register(PROFILE_V2, [PROFILE_TO_V2]);
}
