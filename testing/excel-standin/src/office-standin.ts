/**
 * Bundled into one script and served by the browser tests at office.js's CDN URL: a fake `Office` and `Excel`
 * over an in-memory workbook. `window.__qmsStandIn` (set before load) picks the host and API version;
 * `window.__qmsWorkbook` exposes the workbook to the test.
 */
import { MemoryWorkbook, atLeast } from './memory-excel.ts';
import { decodeWorkbookXlsx, decodeXlsx } from './xlsx-decode.ts';

interface StandInOptions {
  host?: string | null;
  /** Highest ExcelApi version the host reports, e.g. "1.13". */
  api?: string;
  /** Makes insertWorksheetsFromBase64 fail with this message (as Excel on the web does for sheets with charts). */
  insertError?: string;
  /** An .xlsx (base64) the workbook starts as, instead of one empty sheet: markers, tables and properties included. */
  workbookBase64?: string;
  /** Office's display language (`Office.context.displayLanguage`), "en-US" unless given. */
  language?: string;
  /** Office.onReady answers only after this many milliseconds (a cold desktop start). */
  readyDelayMs?: number;
  /** The workbook outlives a reload of the pane, as in Excel (kept in the page's sessionStorage meanwhile). */
  keepAcrossReload?: boolean;
}

const KEPT_WORKBOOK = '__qmsStandIn.workbook';

declare global {
  interface Window {
    __qmsStandIn?: StandInOptions;
    __qmsWorkbook?: MemoryWorkbook;
  }
}

const options: StandInOptions = window.__qmsStandIn ?? {};
const host = options.host === undefined ? 'Excel' : options.host;
const api = options.api ?? '1.13';

const workbook = new MemoryWorkbook();
workbook.addSheet('Sheet1');
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
workbook.decodeXlsx = (base64) => decodeXlsx(base64, parse);
window.__qmsWorkbook = workbook;
// Office.onReady resolves only once the starting workbook is loaded, as Excel opens a file before the pane runs.
const delay = new Promise<void>((resolve) => setTimeout(resolve, options.readyDelayMs ?? 0));
const loaded = (
  options.workbookBase64
    ? decodeWorkbookXlsx(options.workbookBase64, parse).then((d) => workbook.load(d))
    : Promise.resolve()
).then(() => delay);
workbook.displayLanguage = options.language ?? 'en-US';
if (options.keepAcrossReload) {
  const kept = sessionStorage.getItem(KEPT_WORKBOOK);
  if (kept) workbook.restore(kept);
  window.addEventListener('pagehide', () => sessionStorage.setItem(KEPT_WORKBOOK, workbook.serialise()));
}

// The host's requirement sets gate every call (a call beyond them fails ApiNotFound at its sync, as in Excel).
workbook.apiVersion = api;
workbook.failInsert = options.insertError;

const excel = {
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => workbook.run(batch),
};

const office = {
  HostType: { Excel: 'Excel' },
  onReady: () => loaded.then(() => ({ host, platform: host ? 'OfficeOnline' : null })),
  context: {
    displayLanguage: workbook.displayLanguage,
    requirements: {
      isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && atLeast(api, version ?? '1.1'),
    },
  },
};

Object.assign(window, { Office: office, Excel: excel });
