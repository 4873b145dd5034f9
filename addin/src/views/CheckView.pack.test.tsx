// @vitest-environment jsdom
// The Check view on a workbook built from a consultant's pack (examples/packs, v1 with a "Risk rating" column):
// checked with its own version's extra columns, "this workbook is from pack … v1; v2 is available" only when the
// organisation has a later version, and "Upgrade to v2" keeping all 60 rows, after which the new required
// column is the only new error.
import type { MemoryWorkbook } from '@qms/excel-standin';
import { packChanges, type Pack } from '@qms/templates';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createExcelPort } from '../office/excel-port.ts';
import { buildPackInsert, packChoices } from '../packs/pack-tools.ts';
import { Pane, Rendered, emptyWorkbook, examplePack, fakePacks } from '../../test/support/pack-pane.tsx';
import CheckView from './CheckView.tsx';

const ROWS = 60;
const HEADER_ROW = 5;
const RISKS = ['Low', 'Medium', 'High'] as const;
/** An ISO date as the serial number Excel keeps in the cell. */
const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

/** Column number of `header` on the CAPA Log's header row. */
function columnOf(wb: MemoryWorkbook, header: string): number {
  for (let c = 1; c < 40; c++)
    if (wb.value('CAPA Log', `${String.fromCharCode(64 + c)}${HEADER_ROW}`) === header) return c;
  throw new Error(`no "${header}" on row ${HEADER_ROW} of CAPA Log`);
}

/** A workbook with the pack's CAPA Log inserted by the pane's own code, and 60 actions typed in. */
async function capaFrom(pack: Pack): Promise<MemoryWorkbook> {
  const wb = emptyWorkbook();
  const choice = packChoices(pack).find((c) => c.id === 'capa-log');
  if (!choice) throw new Error('the pack has no CAPA Log file');
  await createExcelPort(wb.run).insert(await buildPackInsert(pack, choice));
  const sheet = wb.sheet('CAPA Log');
  if (!sheet) throw new Error('no CAPA Log inserted');
  const values: Record<string, (i: number) => string | number> = {
    'CAPA ID': (i) => `C-${String(i).padStart(3, '0')}`,
    'Date opened': () => serial('2026-01-10'),
    Source: () => 'Internal audit',
    Clause: () => '8.5.1',
    Severity: () => 'Minor',
    Description: (i) => `Label wrong on batch ${i}`,
    Owner: () => 'QM',
    'Due date': () => serial('2026-12-31'),
    Status: () => 'Open',
    'Risk rating': (i) => RISKS[i % 3] ?? 'Low',
  };
  for (const [header, value] of Object.entries(values)) {
    const column = columnOf(wb, header);
    for (let i = 1; i <= ROWS; i++) wb.write(sheet, HEADER_ROW + i, column, [[value(i)]]);
  }
  return wb;
}

/** Errors listed for the CAPA Log, as "cell: message". */
function capaErrors(view: Rendered): string[] {
  const section = view.region('Issues in CAPA Log');
  return [...(section?.querySelectorAll('li') ?? [])]
    .map((li) => li.textContent ?? '')
    .filter((t) => t.startsWith('Error'));
}

/** Check, or another view in its place, as the pane's tabs swap them (the shared state stays above). */
function TabSwitch() {
  const [check, setCheck] = useState(true);
  return check ? (
    <>
      <button onClick={() => setCheck(false)}>Another tab</button>
      <CheckView />
    </>
  ) : (
    <button onClick={() => setCheck(true)}>Back to Check</button>
  );
}

const view = new Rendered();
afterEach(() => view.unmount());

async function checked(wb: MemoryWorkbook, packs: ReturnType<typeof fakePacks>): Promise<void> {
  await view.render(
    <Pane workbook={wb} packs={packs}>
      <CheckView />
    </Pane>,
  );
  await view.click('Check workbook');
  await vi.waitFor(() => expect(view.host.querySelector('[aria-label="Check summary"]')).not.toBeNull());
}

describe('Check view: the pack a workbook came from', () => {
  it('offers no upgrade when the organisation uses the workbook’s version, and checks its extra column', async () => {
    const v1 = examplePack(1);
    const wb = await capaFrom(v1);
    wb.write(wb.sheet('CAPA Log')!, HEADER_ROW + 1, columnOf(wb, 'Risk rating'), [['Catastrophic']]);
    const packs = fakePacks(v1);
    await checked(wb, packs);
    expect(view.region('Template pack')).toBeNull();
    expect(view.text()).not.toContain('is available');
    // Checked with v1's columns: the Risk rating outside its list is an error (the product's templates alone ignore it).
    expect(capaErrors(view).some((e) => e.includes('Catastrophic'))).toBe(true);
    expect(packs.calls).toEqual(['GET /orgs/client-a/pack']);
  });

  it('says nothing of packs for a workbook without qms.pack, and asks the server nothing', async () => {
    const wb = await capaFrom(examplePack(1));
    wb.docProps.delete('qms.pack');
    const packs = fakePacks(examplePack(2), [examplePack(1), examplePack(2)]);
    await checked(wb, packs);
    expect(view.region('Template pack')).toBeNull();
    expect(packs.calls).toEqual([]);
  });

  it('offers the latest version when it is newer than the assigned one the workbook holds', async () => {
    const v1 = examplePack(1);
    const packs = fakePacks(v1, [v1, examplePack(2)]);
    await checked(await capaFrom(v1), packs);
    const bar = view.region('Template pack');
    expect(bar?.textContent).toContain('This workbook is from pack acme-consulting v1; v2 is available.');
    expect(packs.calls).toEqual(['GET /orgs/client-a/pack', 'GET /packs/acme-consulting?version=2']);
  });

  it('keeps the offer when the user goes to another tab and back', async () => {
    const v1 = examplePack(1);
    const packs = fakePacks(v1, [v1, examplePack(2)]);
    const wb = await capaFrom(v1);
    await view.render(
      <Pane workbook={wb} packs={packs}>
        <TabSwitch />
      </Pane>,
    );
    await view.click('Check workbook');
    await vi.waitFor(() => expect(view.region('Template pack')).not.toBeNull());
    await view.click('Another tab');
    expect(view.region('Template pack')).toBeNull();
    await view.click('Back to Check');
    expect(view.region('Template pack')?.textContent).toContain('v2 is available.');
    expect(view.button('Upgrade to v2').disabled).toBe(false);
    // Nothing was asked again: the offer came back from the pane's shared state.
    expect(packs.calls).toEqual(['GET /orgs/client-a/pack', 'GET /packs/acme-consulting?version=2']);
  });

  it('offers v2 with what changes, upgrades keeping all 60 rows, and the new required column is the only new error', async () => {
    const [v1, v2] = [examplePack(1), examplePack(2)];
    const wb = await capaFrom(v1);
    // The upgrade's writes wait at this gate while the test looks at the busy state.
    let gate: Promise<void> | undefined;
    const run = wb.run;
    wb.run = async (batch) => {
      if (gate) await gate;
      return run(batch);
    };
    const packs = fakePacks(v2, [v1, v2]);
    await checked(wb, packs);
    expect(packs.calls).toEqual(['GET /orgs/client-a/pack', 'GET /packs/acme-consulting?version=1']);
    const bar = view.region('Template pack');
    expect(bar?.textContent).toContain('This workbook is from pack acme-consulting v1; v2 is available.');
    const listed = [...(bar?.querySelectorAll('ul[aria-label="Pack changes"] li') ?? [])].map((li) => li.textContent);
    expect(listed).toEqual(packChanges(v1, v2).map((c) => c.text));
    expect(listed).toContain('capa-log (CAPA Log): new required list column "Root cause category"');
    const before = capaErrors(view);
    const ids = Array.from({ length: ROWS }, (_, i) => wb.value('CAPA Log', `A${HEADER_ROW + 1 + i}`));

    let release = () => {};
    gate = new Promise((resolve) => {
      release = resolve;
    });
    await view.click('Upgrade to v2');
    expect(view.button('Upgrading…').disabled).toBe(true);
    expect(view.button('Check workbook').disabled).toBe(true);
    release();
    gate = undefined;
    await vi.waitFor(() => expect(view.text()).toContain('Upgraded to acme-consulting v2: CAPA Log; all 60 rows kept'));

    expect(JSON.parse(wb.docProps.get('qms.pack') ?? 'null')).toEqual({ id: 'acme-consulting', version: 2 });
    expect(wb.value('CAPA Log', 'A2')).toBe('CAPA register');
    expect(columnOf(wb, 'Root cause category')).toBe(columnOf(wb, 'Risk rating') + 1);
    expect(Array.from({ length: ROWS }, (_, i) => wb.value('CAPA Log', `A${HEADER_ROW + 1 + i}`))).toEqual(ids);
    const risk = columnOf(wb, 'Risk rating');
    expect(wb.value('CAPA Log', `${String.fromCharCode(64 + risk)}${HEADER_ROW + ROWS}`)).toBe(RISKS[ROWS % 3]);
    // Re-checked with v2: no offer any more, and every new error is a blank Root cause category, one per row.
    expect(view.region('Template pack')).toBeNull();
    const after = capaErrors(view);
    const added = after.filter((e) => !before.includes(e));
    expect(before.filter((e) => !after.includes(e))).toEqual([]);
    expect(added).toHaveLength(ROWS);
    expect(added.every((e) => e.includes('Root cause category'))).toBe(true);
  });
});
