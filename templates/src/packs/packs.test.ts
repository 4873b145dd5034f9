import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPack, type PackCheck } from './rules.js';
import type { PackInput } from './schema.js';

const EXAMPLE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'examples',
  'packs',
  'acme-consulting.v1.json',
);
const example = (): PackInput => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as PackInput;

const minimal = (more: Partial<PackInput> = {}): PackInput => ({
  id: 'acme',
  version: 1,
  title: 'Acme pack',
  templates: ['capa-log', 'supplier-evaluation'],
  ...more,
});

/** Path → message of every issue (the test names the paths; messages are checked for their advice). */
function issuesOf(result: PackCheck): Record<string, string> {
  if (result.ok) return {};
  return Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
}

describe('packs.schema: a pack is versioned data, checked as a whole', () => {
  it('the example pack passes, with its brand, Risk rating column and 50/30/10/10 weights', () => {
    const result = checkPack(example());
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    expect(result.pack).toMatchObject({ id: 'acme-consulting', version: 1, brand: { name: 'Acme Consulting' } });
    expect(result.pack.columns['capa-log']?.[0]).toMatchObject({
      header: 'Risk rating',
      list: ['Low', 'Medium', 'High'],
    });
    expect(result.pack.supplierCriteria?.map((c) => c.weightPct)).toEqual([50, 30, 10, 10]);
  });

  it('fills the defaults a pack may leave out', () => {
    const result = checkPack(minimal());
    expect(result.ok && result.pack).toMatchObject({ guidance: {}, sheetTitles: {}, columns: {}, vocabularies: {} });
  });

  it('reports shape errors by JSON path, every one of them', () => {
    const result = checkPack({
      ...minimal(),
      id: 'Acme Pack',
      version: 0,
      extraKey: true,
      columns: { 'capa-log': [{ key: '1x', header: '', type: 'yesno' }] },
    });
    const issues = issuesOf(result);
    expect(Object.keys(issues).sort()).toEqual(
      ['', 'columns.capa-log[0].header', 'columns.capa-log[0].key', 'columns.capa-log[0].type', 'id', 'version'].sort(),
    );
    expect(issues.id).toContain('lower-case letters');
    expect(issues['columns.capa-log[0].key']).toContain('such as riskRating');
  });
});

describe('packs.never-removes: a pack builds on the templates and never shadows a field the engine needs', () => {
  it('refuses an extra column whose header is a template column or one of its aliases, saying which', () => {
    const issues = issuesOf(
      checkPack(
        minimal({
          columns: {
            'capa-log': [
              { key: 'owner2', header: 'Owner', type: 'text' },
              { key: 'resp', header: 'responsible', type: 'text' },
              { key: 'due', header: 'Due date (UTC)', type: 'date' },
            ],
          },
        }),
      ),
    );
    expect(issues['columns.capa-log[0].header']).toBe(
      '"Owner" would be read as the template\'s own column "Owner" (its header or one of its aliases); give the extra column a header of its own',
    );
    expect(issues['columns.capa-log[1].header']).toContain('"Owner"');
    expect(issues['columns.capa-log[2].header']).toContain('"Due date"');
  });

  it('refuses the supplier criteria block headers as extra supplier columns', () => {
    const issues = issuesOf(
      checkPack(minimal({ columns: { 'supplier-evaluation': [{ key: 'w', header: 'Weighting', type: 'number' }] } })),
    );
    expect(issues['columns.supplier-evaluation[0].header']).toContain('"Weight (%)"');
  });

  it('returns every issue at once: duplicates, lists, sheets, unknown templates, wide layouts', () => {
    const issues = issuesOf(
      checkPack(
        minimal({
          templates: ['capa-log', 'supplier-evaluation', 'capa-log', 'risk-register', 'kpi-wide'],
          columns: {
            'capa-log': [
              { key: 'riskRating', header: 'Risk rating', type: 'list' },
              { key: 'riskRating', header: 'Risk  Rating', type: 'text', list: ['A'] },
              { key: 'x', header: 'X', type: 'list', list: ['Low', 'low'] },
              { key: 'y', header: 'Y', type: 'text', sheet: 'Nowhere' },
            ],
            'gap-analysis': [{ key: 'processOwner', header: 'Process owner', type: 'text' }],
            'kpi-wide': [{ key: 'site', header: 'Site', type: 'text' }],
          },
        }),
      ),
    );
    expect(Object.keys(issues).sort()).toEqual(
      [
        'templates[2]',
        'templates[3]',
        'columns.capa-log[0].list',
        'columns.capa-log[1].header',
        'columns.capa-log[1].key',
        'columns.capa-log[1].list',
        'columns.capa-log[2].list[1]',
        'columns.capa-log[3].sheet',
        'columns.gap-analysis',
        'columns.kpi-wide',
      ].sort(),
    );
    expect(issues['templates[3]']).toContain('use one of: qms-profile');
    expect(issues['columns.gap-analysis']).toContain('add "gap-analysis" to templates');
    expect(issues['columns.capa-log[3].sheet']).toBe('"Nowhere" is no table sheet of capa-log; use one of: CAPA Log');
  });

  it('weights total 100, as the supplier sheet requires, and no product criterion is dropped', () => {
    const issues = issuesOf(
      checkPack(
        minimal({
          supplierCriteria: [
            { criterion: 'Quality', weightPct: 50 },
            { criterion: 'Delivery', weightPct: 30 },
            { criterion: 'Quality', weightPct: 10 },
            { criterion: 'Sustainability', weightPct: 15 },
          ],
        }),
      ),
    );
    expect(issues['supplierCriteria[2].criterion']).toContain('listed again');
    expect(issues['supplierCriteria[3].criterion']).toContain('give it a key, such as "key": "sustainability"');
    expect(issues.supplierCriteria).toBe(
      'the weights add up to 105, not 100; change the weightPct values so they total 100',
    );
    // Two messages on one path: the missing criteria as well (the map above keeps the last).
    const result = checkPack(minimal({ supplierCriteria: [{ criterion: 'Quality', weightPct: 100 }] }));
    expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual([
      'a pack never removes a criterion: add Delivery, Responsiveness, Cost (weight 0 leaves a criterion out of the score; give a key to rename one)',
    ]);
  });

  it('accepts weights that are whole after the sheet rounding (0.1 steps)', () => {
    const weights = [33.3, 33.3, 33.4, 0];
    const result = checkPack(
      minimal({
        supplierCriteria: ['Quality', 'Delivery', 'Responsiveness', 'Cost'].map((criterion, i) => ({
          criterion,
          weightPct: weights[i] ?? 0,
        })),
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('checks guidance, titles and value words against the templates', () => {
    const issues = issuesOf(
      checkPack(
        minimal({
          columns: { 'capa-log': [{ key: 'riskRating', header: 'Risk rating', type: 'list', list: ['Low', 'High'] }] },
          guidance: { 'capa-log': { owner: 'A person', 'Root cause': 'Why?', nonsense: 'x', riskRating: 'y' } },
          sheetTitles: { 'CAPA Log': 'Actions', 'Evaluation Criteria': 'Weights' },
          vocabularies: {
            'capa-log': {
              status: { Done: 'Closed', Finished: 'Over', closed: 'Open' },
              owner: { Me: 'You' },
            },
          },
        }),
      ),
    );
    expect(Object.keys(issues).sort()).toEqual(
      [
        'guidance.capa-log.nonsense',
        'guidance.capa-log.riskRating',
        'sheetTitles.Evaluation Criteria',
        'vocabularies.capa-log.status.Finished',
        'vocabularies.capa-log.status.closed',
        'vocabularies.capa-log.owner',
      ].sort(),
    );
    expect(issues['guidance.capa-log.riskRating']).toContain('column\'s own "guidance"');
    expect(issues['vocabularies.capa-log.status.Finished']).toContain('use one of: Open, In progress');
    expect(issues['vocabularies.capa-log.owner']).toContain('no list column');
  });

  it('refuses a logo that is no PNG, by its path', () => {
    const issues = issuesOf(checkPack(minimal({ brand: { name: 'Acme', logo: { png: 'aGVsbG8gd29ybGQ=' } } })));
    expect(issues['brand.logo.png']).toBe('is not a PNG image; export the logo as PNG and give its base64');
    const tooBig = issuesOf(checkPack(minimal({ brand: { name: 'Acme', logo: { png: 'A'.repeat(100_000) } } })));
    expect(tooBig['brand.logo.png']).toContain('at most 64 KiB');
  });
});
