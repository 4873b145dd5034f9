import type { FieldSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { qmsProfileRules } from './rules.js';
import { PROFILE_SHEET, qmsProfileSpec } from './spec.js';

const sheet = qmsProfileSpec.sheets[0] as FieldSheetSpec;

/** Booleans go back as the Yes / No the template's drop-down offers; blanks stay blank. */
function cellValue(value: unknown): unknown {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  return value ?? '';
}

export const qmsProfile: TemplateModule = {
  spec: qmsProfileSpec,
  rules: qmsProfileRules,
  toGrids: (records) => {
    const data = records.find((r) => r.type === 'profile')?.data ?? {};
    const rows = sheet.fields.map((f) => [f.header, cellValue(data[f.key])]);
    return { [PROFILE_SHEET]: [[sheet.fieldHeader, sheet.valueHeader], ...rows] };
  },
};

export * from './spec.js';
export * from './schema.js';
export { CURRENCY_CODES, isCurrencyCode } from './currencies.js';
