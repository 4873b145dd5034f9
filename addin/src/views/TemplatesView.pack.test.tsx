// @vitest-environment jsdom
// The Templates view with a consultant's pack: the organisation's pack is built in the pane and inserted (its
// sheets carry qms.pack and the pack's extra column); without one, or when asking for it fails, the product's
// templates are offered as before, and the view says which.
import type { MemoryWorkbook } from '@qms/excel-standin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pane, Rendered, emptyWorkbook, examplePack, fakePacks } from '../../test/support/pack-pane.tsx';
import TemplatesView from './TemplatesView.tsx';

const view = new Rendered();
afterEach(() => view.unmount());

/** Every non-empty cell of row `row` of a sheet, left to right. */
function rowOf(wb: MemoryWorkbook, sheet: string, row: number): unknown[] {
  const s = wb.sheet(sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  return [...s.cells.entries()]
    .map(([k, v]) => ({ at: /^(\d+),(\d+)$/.exec(k), v }))
    .filter((c) => c.at && Number(c.at[1]) === row)
    .sort((a, b) => Number(a.at?.[2]) - Number(b.at?.[2]))
    .map((c) => c.v);
}

/** The 1-based row of `sheet` whose cells include `text`. */
function rowWith(wb: MemoryWorkbook, sheet: string, text: string): number | undefined {
  for (let r = 1; r < 20; r++) if (rowOf(wb, sheet, r).includes(text)) return r;
  return undefined;
}

describe('Templates view: the organisation’s pack', () => {
  it('says the pack and inserts its CAPA Log with qms.pack and the extra column', async () => {
    const wb = emptyWorkbook();
    const packs = fakePacks(examplePack(1));
    await view.render(
      <Pane workbook={wb} packs={packs}>
        <TemplatesView />
      </Pane>,
    );
    await vi.waitFor(() => expect(view.text()).toContain('Templates from Acme Consulting v1'));
    expect(packs.calls).toEqual(['GET /orgs/client-a/pack']);
    // The pack's files, its whole workbook first: no product-only template (such as the KPI tracker) is offered.
    expect(view.buttons().filter((b) => b.startsWith('Insert '))).toEqual([
      'Insert Acme Consulting QMS pack',
      'Insert QMS Profile',
      'Insert Gap Analysis',
      'Insert Supplier Evaluation',
      'Insert CAPA Log',
      'Insert Audit Programme',
    ]);

    await view.click('Insert CAPA Log');
    await vi.waitFor(() => expect(view.text()).toContain('Inserted CAPA Log.'));
    expect(JSON.parse(wb.docProps.get('qms.pack') ?? 'null')).toEqual({ id: 'acme-consulting', version: 1 });
    expect(JSON.parse(wb.docProps.get('qms.templates') ?? '{}')).toEqual({ 'capa-log': 1 });
    expect(wb.sheet('CAPA Log')?.props.get('qms.template')).toBe('capa-log@1:CAPA Log');
    const header = rowWith(wb, 'CAPA Log', 'CAPA ID');
    expect(header).toBeDefined();
    const headers = rowOf(wb, 'CAPA Log', header ?? 0);
    expect(headers.at(-1)).toBe('Risk rating');
    // The pack's brand and sheet title are in the file the pane built.
    expect(wb.value('CAPA Log', 'A1')).toBe('Acme Consulting');
    expect(wb.value('CAPA Log', 'A2')).toBe('Corrective and preventive actions');
  });

  it('falls back to the product’s templates when the organisation has no pack', async () => {
    const wb = emptyWorkbook();
    await view.render(
      <Pane workbook={wb} packs={fakePacks(undefined)}>
        <TemplatesView />
      </Pane>,
    );
    await vi.waitFor(() =>
      expect(view.text()).toContain(
        'Falling back to the product\'s templates: organisation "client-a" has no pack assigned.',
      ),
    );
    expect(view.buttons()).toContain('Insert Starter set (all templates)');
    expect(view.buttons()).toContain('Insert KPI Tracker');
  });

  it('does not ask for a pack before the user signs in', async () => {
    const packs = fakePacks(examplePack(1));
    await view.render(
      <Pane workbook={emptyWorkbook()} packs={packs} signedIn={false}>
        <TemplatesView />
      </Pane>,
    );
    await vi.waitFor(() => expect(view.text()).toContain("Falling back to the product's templates: sign in"));
    expect(packs.calls).toEqual([]);
    expect(view.buttons()).toContain('Insert Starter set (all templates)');
  });

  // The product's own files are vite `?base64` assets, which this test runner does not load: the product's sheets
  // are built through the API here instead (the host without file inserts), which is also how the pane falls back.
  it('says when fetching the pack failed and still inserts the product’s template', async () => {
    const wb = emptyWorkbook();
    const packs = fakePacks(examplePack(1));
    packs.orgPack = () => {
      throw new Error('503 Service Unavailable');
    };
    await view.render(
      <Pane workbook={wb} packs={packs} insertFiles={false}>
        <TemplatesView />
      </Pane>,
    );
    await vi.waitFor(() =>
      expect(view.text()).toContain(
        "Fetching your organisation's pack failed: 503 Service Unavailable; falling back to the product's templates.",
      ),
    );
    await view.click('Insert CAPA Log');
    await vi.waitFor(() => expect(view.text()).toContain('Inserted CAPA Log'));
    expect(wb.docProps.has('qms.pack')).toBe(false);
    expect(rowOf(wb, 'CAPA Log', rowWith(wb, 'CAPA Log', 'CAPA ID') ?? 0)).not.toContain('Risk rating');
  });
});
