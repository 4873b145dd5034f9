// Test support for the pane's pack tests (never shipped): the example packs, a pane around one view with the Excel
// stand-in and a fake API, and the clicks and waits the component tests use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiClient, OrgPack, PackVersion } from '@qms/client';
import { checkPack, type Pack, type PackInput, type TemplateVersionNote, type WorkbookResult } from '@qms/templates';
import { MemoryWorkbook } from '@qms/excel-standin';
import { decodeXlsx } from '@qms/excel-standin/xlsx-decode';
import { act, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { PaneServices } from '../../src/app/services.ts';
import { SharedStateContext } from '../../src/app/state.ts';
import { ServicesContext } from '../../src/app/services.ts';
import { createExcelPort } from '../../src/office/excel-port.ts';
import type { WorkbookPack } from '../../src/packs/org-pack.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');

/** examples/packs/acme-consulting.v{1,2}.json, checked: v2 adds a required "Root cause category" to the CAPA log. */
export function examplePack(version: 1 | 2): Pack {
  const input = JSON.parse(
    readFileSync(join(REPO, 'examples', 'packs', `acme-consulting.v${version}.json`), 'utf8'),
  ) as PackInput;
  const checked = checkPack(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.pack;
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');

/** An empty workbook in the stand-in that can take inserted files, as Excel with ExcelApi 1.13. */
export function emptyWorkbook(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.decodeXlsx = (base64) => decodeXlsx(base64, parse);
  wb.addSheet('Sheet1');
  return wb;
}

/** The server as the pane sees it: which pack version the organisation is assigned, and which versions exist. */
export interface FakePacks {
  /** `GET /orgs/{org}/pack`; a thrown error stands for a failed call. */
  orgPack: (org: string) => OrgPack;
  versions: Pack[];
  calls: string[];
}

export function fakePacks(assigned: Pack | undefined, versions: Pack[] = assigned ? [assigned] : []): FakePacks {
  const latest = Math.max(0, ...versions.map((p) => p.version));
  return {
    orgPack: () => ({
      pack: assigned
        ? { id: assigned.id, version: assigned.version, latest: Math.max(latest, assigned.version), content: assigned }
        : null,
    }),
    versions,
    calls: [],
  };
}

function fakeApi(packs: FakePacks): ApiClient {
  const api: Partial<ApiClient> = {
    orgPack: (org) => {
      packs.calls.push(`GET /orgs/${org}/pack`);
      try {
        return Promise.resolve(packs.orgPack(org));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    getPack: (id, version) => {
      packs.calls.push(`GET /packs/${id}?version=${version ?? ''}`);
      const found = packs.versions.find((p) => p.id === id && p.version === version);
      if (!found) return Promise.reject(new Error(`404 pack-not-found: ${id} v${version ?? 'latest'}`));
      const versions = packs.versions.map((p) => p.version);
      const answer: PackVersion = {
        id,
        version: found.version,
        owner: 'consultant',
        versions,
        latest: Math.max(...versions),
        content: found,
      };
      return Promise.resolve(answer);
    },
  };
  return api as ApiClient;
}

/** A pane around `children`: the stand-in workbook, the fake API, signed in (or not) as a member of `org`. */
export function Pane({
  workbook,
  packs,
  org = 'client-a',
  signedIn = true,
  insertFiles = true,
  children,
}: {
  workbook: MemoryWorkbook;
  packs: FakePacks;
  org?: string;
  signedIn?: boolean;
  /** Whether the host can insert files (ExcelApi 1.13); without it the product's sheets are built through the API. */
  insertFiles?: boolean;
  children: ReactNode;
}) {
  const [services] = useState(
    () =>
      ({
        host: { kind: 'excel', insertFromBase64: insertFiles, sheetMarkers: true, dataValidation: true },
        workbook: createExcelPort(workbook.run),
        api: fakeApi(packs),
        auth: { kind: 'dev', token: () => Promise.resolve(signedIn ? 'a.b.c' : undefined) },
        brand: '',
      }) as unknown as PaneServices,
  );
  const shared = useTestSharedState(org);
  return (
    <ServicesContext.Provider value={services}>
      <SharedStateContext.Provider value={shared}>{children}</SharedStateContext.Provider>
    </ServicesContext.Provider>
  );
}

// React's act() environment flag, so state updates from clicks are flushed as in a browser.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one (reflow only, no behaviour here).
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

/** The pane's shared state as App keeps it, for a view rendered on its own: check results and the as-of date live. */
export function useTestSharedState(org = '') {
  const [lastCheck, setLastCheck] = useState<WorkbookResult | undefined>();
  const [versionNotes, setVersionNotes] = useState<TemplateVersionNote[]>([]);
  const [asOf, setAsOf] = useState('2026-11-24');
  const [workbookPack, setWorkbookPack] = useState<WorkbookPack | undefined>();
  return {
    org,
    setOrg: () => undefined,
    asOf,
    setAsOf,
    lastCheck,
    setLastCheck,
    versionNotes,
    setVersionNotes,
    assessment: undefined,
    setAssessment: () => undefined,
    portfolio: undefined,
    setPortfolio: () => undefined,
    highlighted: 0,
    setHighlighted: () => undefined,
    workbookPack,
    setWorkbookPack,
  };
}

/** One rendered pane at a time: render, find, click, unmount. */
export class Rendered {
  private root: Root | undefined;
  host: HTMLElement = document.body;

  async render(ui: ReactNode): Promise<void> {
    this.host = document.body.appendChild(document.createElement('div'));
    this.root = createRoot(this.host);
    await act(() => Promise.resolve(this.root?.render(ui)));
  }

  unmount(): void {
    act(() => this.root?.unmount());
    this.host.remove();
  }

  text(): string {
    return this.host.textContent ?? '';
  }

  /** The button whose accessible name (aria-label, else text) is `name`. */
  button(name: string): HTMLButtonElement {
    const found = [...this.host.querySelectorAll('button')].find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
    );
    if (!found) throw new Error(`No button "${name}" in: ${this.text()}`);
    return found;
  }

  buttons(): string[] {
    return [...this.host.querySelectorAll('button')].map(
      (b) => b.getAttribute('aria-label') ?? b.textContent?.trim() ?? '',
    );
  }

  async click(name: string): Promise<void> {
    const target = this.button(name);
    // act's promise form flushes the updates the click starts; the view's later awaits are polled for.
    await act(() => Promise.resolve(target.click()));
  }

  region(label: string): Element | null {
    return this.host.querySelector(`section[aria-label="${label}"]`);
  }
}
