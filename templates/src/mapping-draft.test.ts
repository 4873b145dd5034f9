import { describe, expect, it } from 'vitest';
import { capaLog } from './capa-log/index.js';
import type { SheetInput } from './core/table.js';
import {
  draftMapping,
  guessTarget,
  mappingFromDraft,
  mappingTargets,
  previewMapping,
  specSheetFor,
  wordsToMap,
  type MappingDraft,
} from './mapping-draft.js';

/** A SharePoint list exported to Excel: its own column names, its own status words, a title row above. */
const sharePointCapa: SheetInput = {
  name: 'Issues',
  values: [
    ['Corrective actions (exported 2026-05-02)'],
    [],
    ['ID', 'Title', 'Created', 'Assigned To', 'Status', 'Due Date', 'Modified'],
    [101, 'Label mismatch on batch 7', 46023, 'Ana', 'Active', 46090, 46030],
    [102, 'Calibration overdue on gauge G4', 46030, 'Ben', 'Resolved', 46060, 46055],
    [103, 'Supplier late delivery', 46041, 'Ana', 'Active', 46100, 46041],
    [104, 'Training record missing', 46050, 'Chloé', 'In progress', 46110, 46052],
  ],
};

function draft(): MappingDraft {
  const d = draftMapping(sharePointCapa, capaLog);
  if (typeof d === 'string') throw new Error(d);
  return d;
}

describe('mapping draft (the Map columns view as data)', () => {
  it('lists the register layouts a sheet can be mapped to, without the wide layouts', () => {
    const targets = mappingTargets();
    expect(targets.map((t) => t.template)).toContain('capa-log');
    expect(targets.map((t) => t.template)).not.toContain('kpi-wide');
    expect(targets.every((t) => t.sheet !== '')).toBe(true);
  });

  it('guesses the template, the header row, and each column with samples, marking guesses as guesses', () => {
    expect(guessTarget(sharePointCapa)?.template).toBe('capa-log');
    const d = draft();
    expect(d.headerRow).toBe(3);
    const by = Object.fromEntries(d.fields.map((f) => [f.key, [f.column, f.by]]));
    expect(by.capaId).toEqual([0, 'header']);
    expect(by.description).toEqual([1, 'header']);
    expect(by.dateOpened).toEqual([2, 'guess']);
    expect(by.owner).toEqual([3, 'header']);
    expect(by.status).toEqual([4, 'header']);
    expect(by.severity).toEqual([undefined, 'none']);
    expect(d.columns.find((c) => c.letter === 'C')).toEqual({
      index: 2,
      letter: 'C',
      header: 'Created',
      samples: ['46023', '46030', '46041'],
      dateSamples: ['2026-01-01', '2026-01-08', '2026-01-19'],
    });
    expect(d.columns.find((c) => c.letter === 'B')?.dateSamples).toBeUndefined();
  });

  it('lists the words a list column does not know, most frequent first, with a suggestion to confirm', () => {
    const d = draft();
    const words = wordsToMap(sharePointCapa, d, specSheetFor(capaLog, d.specSheet)!);
    expect(words.map((w) => [w.field, w.word, w.cells])).toEqual([
      ['status', 'Active', 2],
      ['status', 'Resolved', 1],
    ]);
  });

  it('previews records where there were none, and the stored text is what qms map writes', () => {
    const d = draft();
    const choices = Object.fromEntries(d.fields.map((f) => [f.key, f.column]));
    const before = previewMapping({ sheets: [sharePointCapa] }, 'Issues', mappingFromDraft(d, {}, {}), '2026-06-30');
    expect(before.records).toBe(0);
    const mapping = mappingFromDraft(d, choices, { status: { Active: 'Open', Resolved: 'Closed' } });
    expect(mapping).toEqual({
      template: 'capa-log',
      sheet: 'CAPA Log',
      headerRow: 3,
      columns: {
        ID: 'capaId',
        Title: 'description',
        Created: 'dateOpened',
        'Assigned To': 'owner',
        Status: 'status',
        'Due Date': 'dueDate',
      },
      values: { status: { Active: 'Open', Resolved: 'Closed' } },
    });
    const after = previewMapping({ sheets: [sharePointCapa] }, 'Issues', mapping, '2026-06-30');
    // Row 5 is Resolved, read as Closed: a closed CAPA needs what closing records, so it is an issue, not a record.
    expect(after.records).toBe(3);
    expect(new Set(after.issues.filter((i) => i.severity === 'error').map((i) => i.cell))).toEqual(
      new Set(['Issues!A5']),
    );
    expect(after.stored).toBe(
      '{"template":"capa-log","sheet":"CAPA Log","headerRow":3,"columns":{"Assigned To":"owner","Created":"dateOpened","Due Date":"dueDate","ID":"capaId","Status":"status","Title":"description"},"values":{"status":{"Active":"Open","Resolved":"Closed"}}}',
    );
  });

  it('starts from the mapping the sheet already has', () => {
    const d = draft();
    const mapping = mappingFromDraft(
      d,
      { ...Object.fromEntries(d.fields.map((f) => [f.key, f.column])), dueDate: 6 },
      {},
    );
    const again = draftMapping({ ...sharePointCapa, mapping }, capaLog);
    if (typeof again === 'string') throw new Error(again);
    expect(again.fields.find((f) => f.key === 'dueDate')).toMatchObject({ column: 6, by: 'mapping' });
  });

  it('says when the header row is outside the sheet', () => {
    expect(draftMapping(sharePointCapa, capaLog, { headerRow: 40 })).toMatch(/row 40 is outside/);
  });
});
