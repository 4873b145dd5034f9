/**
 * A made-up capa-log@2 for tests (never shipped): adds a "Customer informed" Yes/No column, filled with "No" on
 * upgrade. `registerCapaLogV2()` makes it current in the shared version registry and returns the undo function.
 */
import {
  CAPA_SHEET,
  capaLog,
  capaLogSpec,
  versionRegistry,
  type Migration,
  type TableSheetSpec,
  type TemplateModule,
} from '@qms/templates';

const v1 = capaLogSpec.sheets[0] as TableSheetSpec;

export const CAPA_V2: TemplateModule = {
  ...capaLog,
  spec: {
    ...capaLogSpec,
    version: 2,
    sheets: [
      {
        ...v1,
        columns: [
          ...v1.columns,
          { key: 'customerInformed', header: 'Customer informed', type: 'yesno', defaultValue: false },
        ],
      },
    ],
  },
};

export const CAPA_TO_V2: Migration = {
  templateId: 'capa-log',
  from: 1,
  to: 2,
  description: 'Adds Customer informed',
  sheets: [{ sheet: CAPA_SHEET, changes: [{ kind: 'add', header: 'Customer informed', fill: 'No' }] }],
};

export function registerCapaLogV2(): () => void {
  return versionRegistry.register(CAPA_V2, [CAPA_TO_V2]);
}
