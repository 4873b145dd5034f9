// @vitest-environment jsdom
// "Write summary sheet" asks before replacing an existing summary sheet: replace it (keeping its Notes area), write
// under a free name, or cancel; a protected workbook gets a message saying what to do.
import { act, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '@qms/client';
import { ServicesContext, type PaneServices } from '../app/services.ts';
import { SharedStateContext, type SharedState } from '../app/state.ts';
import { createExcelPort } from '../office/excel-port.ts';
import { MemoryWorkbook } from '@qms/excel-standin';
import { sampleAssessment } from '../../test/support/sample-assessment.ts';
import ReadinessView from './ReadinessView.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

let root: Root | undefined;
let host: HTMLElement;

function Pane({ workbook, children }: { workbook: MemoryWorkbook; children: ReactNode }) {
  const api = { assessment: () => Promise.resolve(sampleAssessment()) } as unknown as ApiClient;
  const services = { workbook: createExcelPort(workbook.run), api, brand: '' } as unknown as PaneServices;
  // The last readiness is kept above the view, as the pane's shared state keeps it.
  const [assessment, setAssessment] = useState<SharedState['assessment']>();
  const shared = { org: 'acme', asOf: '2026-03-31', assessment, setAssessment } as unknown as SharedState;
  return (
    <ServicesContext.Provider value={services}>
      <SharedStateContext.Provider value={shared}>{children}</SharedStateContext.Provider>
    </ServicesContext.Provider>
  );
}

async function render(workbook: MemoryWorkbook): Promise<void> {
  host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  await act(() =>
    Promise.resolve(
      root?.render(
        <Pane workbook={workbook}>
          <ReadinessView />
        </Pane>,
      ),
    ),
  );
}

function button(name: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`No button "${name}" in: ${host.textContent ?? ''}`);
  return found;
}
const click = (name: string) => act(() => Promise.resolve(button(name).click()));
const asking = () => host.querySelector('section[aria-label="Replace the summary sheet?"]');

async function loadAndWrite(): Promise<void> {
  await click('Load readiness');
  await vi.waitFor(() => expect(button('Write summary sheet').disabled).toBe(false));
  await click('Write summary sheet');
}

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

describe('Readiness view: writing the summary sheet', () => {
  it('writes it when there is none, and asks before replacing it; Replace keeps the Notes', async () => {
    const wb = new MemoryWorkbook();
    await render(wb);
    await loadAndWrite();
    await vi.waitFor(() => expect(host.textContent).toContain('Wrote the "QMS Readiness" sheet.'));
    const sheet = wb.sheet('QMS Readiness');
    if (!sheet) throw new Error('no sheet');
    const notes = [...sheet.cells].find(([k, v]) => v === 'Notes' && k.endsWith(',1'))?.[0];
    const notesRow = Number(notes?.split(',')[0]);
    wb.write(sheet, notesRow + 1, 1, [['Keep this note']]);

    await click('Write summary sheet');
    await vi.waitFor(() => expect(asking()).not.toBeNull());
    expect(asking()?.textContent).toContain('Replacing it keeps what stands below its Notes row.');
    await click('Replace it');
    await vi.waitFor(() => expect(asking()).toBeNull());
    await vi.waitFor(() => expect(wb.sheet('QMS Readiness')).not.toBe(sheet));
    expect(wb.sheets.filter((s) => s.name === 'QMS Readiness')).toHaveLength(1);
    expect(wb.value('QMS Readiness', `A${notesRow + 1}`)).toBe('Keep this note');
  });

  it('offers a free name when the existing sheet is not ours, and Cancel leaves everything as it was', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('QMS Readiness', [['a sheet of my own']]);
    await render(wb);
    await loadAndWrite();
    await vi.waitFor(() => expect(asking()).not.toBeNull());
    expect(asking()?.textContent).toContain('It has no Notes row');
    await click('Cancel');
    expect(asking()).toBeNull();
    expect(wb.sheets.map((s) => s.name)).toEqual(['QMS Readiness']);
    await click('Write summary sheet');
    await vi.waitFor(() => expect(asking()).not.toBeNull());
    await click('Write as "QMS Readiness (2)"');
    await vi.waitFor(() => expect(host.textContent).toContain('Wrote the "QMS Readiness (2)" sheet.'));
    expect(wb.value('QMS Readiness', 'A1')).toBe('a sheet of my own');
    expect(wb.value('QMS Readiness (2)', 'A1')).toBe('QMS Readiness');
  });

  it('on a protected workbook says how to unprotect it, and writes nothing', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Cover');
    wb.structureProtected = true;
    await render(wb);
    await loadAndWrite();
    await vi.waitFor(() => expect(host.textContent).toContain('Review › Protect Workbook'));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Cover']);
  });
});
