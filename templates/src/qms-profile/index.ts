import type { FieldSheetSpec } from '../core/spec.js';
import type { TemplateModule } from '../core/template.js';
import { qmsProfileRules } from './rules.js';
import { PROFILE_SHEET, qmsProfileSpec } from './spec.js';

const sheet = qmsProfileSpec.sheets[0] as FieldSheetSpec;

export const qmsProfile: TemplateModule = {
  spec: qmsProfileSpec,
  rules: qmsProfileRules,
  toGrids: (records) => {
    const profile = records.find((r) => r.type === 'profile');
    const data = (profile?.data ?? {});
    const value = (v: unknown): unknown => (v === true ? 'Yes' : v === false ? 'No' : (v ?? ''));
    return { [PROFILE_SHEET]: [[sheet.fieldHeader, sheet.valueHeader], ...sheet.fields.map((f) => [f.header, value(data[f.key])])] };
  },
};

export * from './spec.js';
export * from './schema.js';
