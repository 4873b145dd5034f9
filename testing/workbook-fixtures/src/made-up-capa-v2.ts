/**
 * A made-up capa-log@2 for tests of the upgrade path (never shipped): adds "Customer informed" (Yes/No), which the
 * upgrade fills with "No" on every existing row. `registerCapaV2()` makes it current in the shared version registry
 * and returns the undo function.
 */
import { CAPA_SHEET, capaLog, capaLogSpec, makeRecord, versionRegistry } from '@qms/templates';
import type { Migration, TableRead, TableSheetSpec, TemplateModule } from '@qms/templates';

export const CAPA_V1_SHEET = capaLogSpec.sheets[0] as TableSheetSpec;

export const CAPA_V2: TemplateModule = {
  ...capaLog,
  spec: {
    ...capaLogSpec,
    version: 2,
    sheets: [
      {
        ...CAPA_V1_SHEET,
        columns: [...CAPA_V1_SHEET.columns, { key: 'customerInformed', header: 'Customer informed', type: 'yesno' }],
      },
    ],
  },
  // The shipped rules build record data from the v1 columns; v2 adds its new key from the rows it read.
  rules: (reads, ctx) => {
    const base = capaLog.rules(reads, ctx);
    const rows = (reads[CAPA_SHEET] as TableRead | undefined)?.rows ?? [];
    const records = base.records.map((r) => {
      const informed = rows.find((x) => x.row === r.source.row)?.values.customerInformed;
      return makeRecord(r.type, r.id, { ...r.data, customerInformed: informed }, r.source, r.warnings);
    });
    return { ...base, version: 2, records };
  },
};

export const CAPA_TO_V2: Migration = {
  templateId: 'capa-log',
  from: 1,
  to: 2,
  description: 'CAPA Log gains "Customer informed"',
  sheets: [{ sheet: CAPA_SHEET, changes: [{ kind: 'add', header: 'Customer informed', fill: 'No' }] }],
};

export function registerCapaV2(): () => void {
  return versionRegistry.register(CAPA_V2, [CAPA_TO_V2]);
}
