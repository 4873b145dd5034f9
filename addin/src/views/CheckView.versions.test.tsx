// @vitest-environment jsdom
// The Check view on the demo workbook (in the Excel stand-in) once a made-up capa-log@2 is current: a warning
// bar per outdated sheet with the line `qms check` prints, and "Upgrade sheet" bringing the sheet up to date; and
// errors listed before every warning, whichever sheet they are on (in the validator's order a warning came first).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeVersionNote, versionRegistry, type TemplateVersionNote } from '@qms/templates';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServicesContext, type PaneServices } from '../app/services.ts';
import { SharedStateContext } from '../app/state.ts';
import { createExcelPort } from '../office/excel-port.ts';
import { registerCapaV2 } from '@qms/workbook-fixtures';
import { MemoryWorkbook } from '@qms/excel-standin';
import { decodeWorkbookXlsx } from '@qms/excel-standin/xlsx-decode';
import { useTestSharedState } from '../../test/support/pack-pane.tsx';
import CheckView from './CheckView.tsx';

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
// The repository root, from addin/src/<folder>/.
const REPO = join(import.meta.dirname, '..', '..', '..');
const DEMO = readFileSync(join(REPO, 'examples', 'demo-manufacturer.xlsx')).toString('base64');

function Pane({ workbook, children }: { workbook: MemoryWorkbook; children: ReactNode }) {
  const services = { workbook: createExcelPort(workbook.run) } as PaneServices;
  const shared = useTestSharedState();
  return (
    <ServicesContext.Provider value={services}>
      <SharedStateContext.Provider value={shared}>{children}</SharedStateContext.Provider>
    </ServicesContext.Provider>
  );
}

async function demo(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  wb.load(await decodeWorkbookXlsx(DEMO, parse));
  return wb;
}

// React's act() flag and jsdom's missing ResizeObserver are set by ../../test/support/pack-pane.tsx, imported above.
let root: Root | undefined;
let host: HTMLElement;

async function render(ui: ReactNode): Promise<void> {
  host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  await act(() => Promise.resolve(root?.render(ui)));
}

/** The button whose accessible name (aria-label, else text) is `name`. */
function button(name: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`No button "${name}" in: ${host.textContent ?? ''}`);
  return found;
}

async function click(name: string): Promise<void> {
  // act's promise form flushes the updates the click starts; the view's later awaits are polled for.
  await act(() => Promise.resolve(button(name).click()));
}

const region = (label: string) => host.querySelector(`section[aria-label="${label}"]`);

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  expect(versionRegistry.current('capa-log')).toBe(1);
});

describe('Check view: template versions', () => {
  it('shows no version bar when every sheet is at the shipped version', async () => {
    await render(
      <Pane workbook={await demo()}>
        <CheckView />
      </Pane>,
    );
    await click('Check workbook');
    await vi.waitFor(() => expect(host.querySelector('[aria-label="Check summary"]')).not.toBeNull());
    expect(region('Template versions')).toBeNull();
  });

  it('warns about the outdated CAPA Log with the check line and upgrades it on request', async () => {
    const wb = await demo();
    const undo = registerCapaV2();
    try {
      await render(
        <Pane workbook={wb}>
          <CheckView />
        </Pane>,
      );
      await click('Check workbook');
      const bar = await vi.waitFor(
        () => region('Template versions') ?? Promise.reject(new Error('no version bar yet')),
      );
      const note: TemplateVersionNote = {
        sheet: 'CAPA Log',
        templateId: 'capa-log',
        specSheet: 'CAPA Log',
        version: 1,
        current: 2,
        from: 'marker',
        status: 'outdated',
        upgradable: true,
      };
      expect(bar.textContent).toContain(describeVersionNote(note));
      expect(bar.querySelectorAll('button').length).toBe(1);

      await click('Upgrade sheet CAPA Log');
      await vi.waitFor(() =>
        expect(host.textContent).toContain(
          'Upgraded CAPA Log to capa-log@2: all 60 rows kept, 61 cells written; table CAPALog now covers the new column.',
        ),
      );
      expect(region('Template versions')).toBeNull();
      expect(wb.value('CAPA Log', 'R5')).toBe('Customer informed');
      expect(wb.sheet('CAPA Log')?.props.get('qms.template')).toBe('capa-log@2:CAPA Log');
      expect(JSON.parse(wb.docProps.get('qms.templates') ?? '{}')).toMatchObject({ 'capa-log': 2, 'kpi-tracker': 1 });
    } finally {
      undo();
    }
  });
});

describe('Check view: errors first', () => {
  it('lists an error in the last CAPA row before the warnings of every sheet above it', async () => {
    const wb = await demo();
    const capa = wb.sheet('CAPA Log');
    if (!capa) throw new Error('the demo has no CAPA Log');
    // Date opened (B) of the CAPA Log's last data row: text that is no date, an error at CAPA Log!B65.
    wb.write(capa, 65, 2, [['soon']]);
    await render(
      <Pane workbook={wb}>
        <CheckView />
      </Pane>,
    );
    await click('Check workbook');
    await vi.waitFor(() => expect(host.querySelector('[aria-label="Check summary"]')).not.toBeNull());
    const sections = [...host.querySelectorAll('section[aria-label^="Issues in "]')];
    // The demo's warnings sit on several sheets ahead of the CAPA Log; the error still comes first.
    expect(sections.length).toBeGreaterThan(1);
    expect(sections[0]?.getAttribute('aria-label')).toBe('Issues in CAPA Log');
    const first = sections[0]?.querySelector('li')?.textContent ?? '';
    expect(first).toMatch(/^Error — /);
    expect(first).toContain('Date opened');
    const all = [...host.querySelectorAll('section[aria-label^="Issues in "] li')].map((li) => li.textContent ?? '');
    const lastError = all.map((t) => t.startsWith('Error')).lastIndexOf(true);
    const firstOther = all.findIndex((t) => !t.startsWith('Error'));
    expect(firstOther).toBeGreaterThan(lastError);
  });
});
