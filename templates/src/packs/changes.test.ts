import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packChanges } from './changes.js';
import { checkPack } from './rules.js';
import type { Pack, PackInput } from './schema.js';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'packs');
const load = (file: string): PackInput => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as PackInput;
function checked(input: PackInput): Pack {
  const result = checkPack(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.pack;
}
const v1 = () => checked(load('acme-consulting.v1.json'));
const v2 = () => checked(load('acme-consulting.v2.json'));
/** v1 with its CAPA extra columns replaced, as a later version. */
const withCapaColumns = (columns: NonNullable<PackInput['columns']>['capa-log']): Pack =>
  checked({ ...load('acme-consulting.v1.json'), version: 2, columns: { 'capa-log': columns ?? [] } });
const RISK = { key: 'riskRating', header: 'Risk rating', type: 'list', list: ['Low', 'Medium', 'High'] } as const;

describe('packChanges', () => {
  it('packs.changes-example: v1 → v2 of the example pack lists the new required column, the CAPA title, the weights and the renamed criterion', () => {
    expect(packChanges(v1(), v2()).map((c) => [c.kind, c.text])).toEqual([
      ['column-added', 'capa-log (CAPA Log): new required list column "Root cause category"'],
      ['title', 'CAPA Log: the title "Corrective and preventive actions" is now "CAPA register"'],
      ['weight', 'Supplier criteria: "Quality" weighs 45% (was 50%)'],
      ['criterion-renamed', 'Supplier criteria: "Responsiveness" is now called "Communication"'],
      ['weight', 'Supplier criteria: "Cost" weighs 15% (was 10%)'],
    ]);
  });

  it('packs.changes-none: a version against itself has no changes', () => {
    expect(packChanges(v2(), v2())).toEqual([]);
  });

  it('packs.changes-columns: renamed, retyped, required and removed extra columns are told apart by key', () => {
    const from = checked({
      ...load('acme-consulting.v1.json'),
      columns: {
        'capa-log': [
          { ...RISK, list: [...RISK.list] },
          { key: 'cost', header: 'Cost', type: 'text' },
          { key: 'site', header: 'Site visited', type: 'text' },
        ],
      },
    });
    const to = withCapaColumns([
      { ...RISK, header: 'Risk', list: ['Low', 'High'], required: true },
      { key: 'cost', header: 'Cost', type: 'number' },
    ]);
    expect(packChanges(from, to).filter((c) => c.kind.startsWith('column'))).toEqual([
      { kind: 'column-renamed', template: 'capa-log', text: 'capa-log (CAPA Log): column "Risk rating" is now "Risk"' },
      {
        kind: 'column-list',
        template: 'capa-log',
        text: 'capa-log (CAPA Log): the values of "Risk" change from Low, Medium, High to Low, High',
      },
      {
        kind: 'column-required',
        template: 'capa-log',
        text: 'capa-log (CAPA Log): column "Risk" becomes required: blank cells will be errors',
      },
      {
        kind: 'column-retyped',
        template: 'capa-log',
        text: 'capa-log (CAPA Log): column "Cost" changes from text to number; values that are not a number will be reported',
      },
      {
        kind: 'column-removed',
        template: 'capa-log',
        text: 'capa-log (CAPA Log): column "Site visited" is no longer part of the pack; its cells are kept',
      },
    ]);
  });

  it('packs.changes-brand-and-templates: brand name, colours and logo, templates in and out, guidance and words', () => {
    const base = load('acme-consulting.v1.json');
    const to = checked({
      ...base,
      version: 2,
      templates: (base.templates ?? []).filter((t) => t !== 'audit-programme').concat('kpi-tracker'),
      brand: { name: 'Acme Advisory', colours: { primary: '#000000' } },
      guidance: { 'capa-log': { owner: 'A named person.' } },
      vocabularies: {},
    });
    expect(packChanges(v1(), to).map((c) => c.kind)).toEqual([
      'template-added',
      'template-removed',
      'brand',
      'look',
      'look',
      'guidance',
      'vocabulary',
    ]);
    expect(packChanges(v1(), to).map((c) => c.text)).toEqual([
      'New template: kpi-tracker',
      'audit-programme is no longer in the pack; its sheets are left as they are',
      'Brand: the brand row reads "Acme Advisory" (was "Acme Consulting")',
      'Brand: new colours',
      'Brand: no logo any more',
      'capa-log: new guidance text',
      'capa-log: new value words',
    ]);
  });
});
