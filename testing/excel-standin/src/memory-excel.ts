/**
 * An in-memory stand-in for the slice of the Excel JavaScript API the adapter uses. It keeps Office.js's
 * proxy rules that matter here: properties are readable only after load() and a sync(), *OrNullObject
 * methods give null objects (and methods on null objects give null objects), every sync is counted, and a
 * range whose loaded values would exceed Excel on the web's 5 MB payload limit fails as Excel would.
 *
 * As Microsoft documents it (each rule has a test in memory-excel.test.ts):
 * - calls are queued and run at `sync()`, in the order made; an error is raised by `sync()` (an
 *   OfficeExtension.Error-like object with a `code`), never by the call, and what ran before it in the batch
 *   stays applied while the rest of the batch is dropped;
 * - every call needs its ExcelApi requirement set: with `apiVersion` set below it, the sync fails `ApiNotFound`;
 * - sheet names are at most 31 characters, not blank, without \ / ? * [ ] :, not starting or ending with an
 *   apostrophe, and unique ignoring case (`InvalidArgument`, `ItemAlreadyExists`);
 * - document custom property values are cut to 255 characters (as on every platform but Excel on the web;
 *   `trimDocumentProperties` turns it off); worksheet custom property keys over 255 characters fail.
 *
 * Used by unit tests and, bundled, by the browser tests in place of office.js.
 */
import { columnLetter } from '@qms/templates';
import { columnNumber, topLeft } from './a1.ts';
import { conditionalFormatsOf, formatFacade, lookOf, pageLayoutOf } from './memory-format.ts';

export type MemValue = string | number | boolean;
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface MemSheet {
  /** Excel's worksheet id, a GUID-like string that never changes when the sheet is renamed. */
  id: string;
  name: string;
  cells: Map<string, MemValue>;
  /** Cells written as formulas (a string starting with "=" and no apostrophe). */
  formulas: Set<string>;
  fills: Map<string, string>;
  bold: Set<string>;
  props: Map<string, string>;
  charts: { type: string; source: string; seriesBy: string; title: string }[];
  /** Excel tables (ListObjects) on the sheet, by name and area. */
  tables: { name: string; area: Area }[];
  /** List data validations (drop-downs), by area and comma-separated source. */
  validations: { area: Area; source: string }[];
  /** Number format codes by cell ("0%"); a cell without one is "General", as in Excel. */
  numberFormats: Map<string, string>;
}

export interface DecodedSheet {
  name: string;
  rows: MemValue[][];
  /** The sheet's `qms.template` custom property, when the file has one. */
  marker?: string;
  /** Every custom property of the sheet by name (the marker among them, and `qms.mapping`). */
  props?: Record<string, string>;
  /** Excel tables on the sheet: name and A1 range (e.g. "A4:K64"). */
  tables?: { name: string; ref: string }[];
}

/** A whole .xlsx as the stand-in holds it: sheets and the document's custom properties. */
export interface DecodedWorkbook {
  sheets: DecodedSheet[];
  docProps: Record<string, string>;
}

const key = (row: number, column: number) => `${row},${column}`;

/** "1.13" ≥ "1.7": requirement-set versions compare by number, not as text. */
export function atLeast(have: string, want: string): boolean {
  const [a1 = 0, a2 = 0] = have.split('.').map(Number);
  const [b1 = 0, b2 = 0] = want.split('.').map(Number);
  return a1 !== b1 ? a1 > b1 : a2 >= b2;
}

/** Why Excel refuses a sheet name, or undefined when it takes it (uniqueness is checked against the workbook). */
export function sheetNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'it is blank';
  if (name.length > 31) return 'it is longer than 31 characters';
  if (/[\\/?*[\]:]/.test(name)) return 'it holds one of \\ / ? * [ ] :';
  if (name.startsWith("'") || name.endsWith("'")) return 'it starts or ends with an apostrophe';
  return undefined;
}

/** An error as context.sync() rejects with: a code (not translated) and a message (in the display language). */
export function officeError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${message}`), {
    name: 'RichApi.Error',
    code,
    debugInfo: { code, message },
  });
}

/** The code of an error raised inside the stand-in: its own, or the "Code:" its message starts with. */
function asOfficeError(error: unknown): unknown {
  if (!(error instanceof Error) || typeof (error as { code?: unknown }).code === 'string') return error;
  const code = /^([A-Za-z]+):/.exec(error.message)?.[1] ?? 'GeneralException';
  return Object.assign(error, { name: 'RichApi.Error', code, debugInfo: { code, message: error.message } });
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export function parseArea(address: string): Area {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const [a, b] = local.split(':');
  const start = topLeft(a ?? '');
  const end = b ? topLeft(b) : start;
  return {
    row: start.row,
    column: start.column,
    rows: end.row - start.row + 1,
    columns: end.column - start.column + 1,
  };
}

export class MemoryWorkbook {
  sheets: MemSheet[] = [];
  docProps = new Map<string, string>();
  active: string | undefined;
  selection: { sheet: string; address: string } | undefined;
  syncs = 0;
  /** Bytes of every loaded object's response, per sync. */
  responses: number[][] = [];
  /** Reads a file given to insertWorksheetsFromBase64 (may be async, like the real insert inside a sync). */
  decodeXlsx: ((base64: string) => DecodedSheet[] | Promise<DecodedSheet[]>) | undefined;
  /** When set, a sync whose loaded values together exceed this many bytes fails (Excel on the web's batch limit). */
  batchLimitBytes: number | undefined;
  /** When set, the next sync fails with this error (to test the pane's error paths). */
  failNextSync: Error | undefined;
  /** When set, every insertWorksheetsFromBase64 fails at its sync with this message (e.g. a file with charts). */
  failInsert: string | undefined;
  /** Office's display language: error messages are written in it (codes are not). */
  displayLanguage = 'en-US';
  /** Review › Protect Workbook: no sheet can be added, deleted or moved while it is on. */
  structureProtected = false;
  /** The highest ExcelApi requirement set the host supports, e.g. "1.12"; undefined: every set. */
  apiVersion: string | undefined;
  /** Document custom property values are cut to 255 characters, as everywhere but Excel on the web. */
  trimDocumentProperties = true;

  /** Fails the batch with ApiNotFound when the host lacks the requirement set `set` ("1.12"). */
  supports(set: string): boolean {
    return this.apiVersion === undefined || atLeast(this.apiVersion, set);
  }

  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(new MemoryContext(this) as unknown as Excel.RequestContext);

  private nextId = 1;

  /** A sheet by name (case-insensitive) or by id, as Worksheets.getItem takes either. */
  sheet(name: string): MemSheet | undefined {
    return this.sheets.find((s) => s.id === name || s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string, rows: MemValue[][] = [], origin = { row: 1, column: 1 }): MemSheet {
    const problem = sheetNameProblem(name);
    if (problem) throw officeError('InvalidArgument', `The sheet name "${name}" is not valid: ${problem}.`);
    if (this.sheet(name)) throw officeError('ItemAlreadyExists', `A sheet named "${name}" exists.`);
    const sheet: MemSheet = {
      id: `{${String(this.nextId++).padStart(8, '0')}-5A6B-4C3D-8E9F-0123456789AB}`,
      name,
      cells: new Map(),
      formulas: new Set(),
      fills: new Map(),
      bold: new Set(),
      props: new Map(),
      charts: [],
      tables: [],
      validations: [],
      numberFormats: new Map(),
    };
    this.sheets.push(sheet);
    this.write(sheet, origin.row, origin.column, rows);
    this.active ??= name;
    return sheet;
  }

  write(sheet: MemSheet, row: number, column: number, rows: readonly (readonly MemValue[])[]): void {
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        const k = key(row + i, column + j);
        sheet.formulas.delete(k);
        if (typeof v === 'string' && v.startsWith("'")) sheet.cells.set(k, v.slice(1));
        else if (v === '') sheet.cells.delete(k);
        else {
          if (typeof v === 'string' && v.startsWith('=')) sheet.formulas.add(k);
          sheet.cells.set(k, v);
        }
      }),
    );
  }

  /**
   * A register's header row, found by one of its headers: the 1-based row and each header's 1-based column. Tests
   * fill registers by header name through this, wherever the template puts its title rows.
   */
  headerRow(sheet: MemSheet, anyHeader: string): { row: number; columns: Map<string, number> } {
    const at = [...sheet.cells].find(([, value]) => value === anyHeader)?.[0];
    if (at === undefined) throw new Error(`No cell reads "${anyHeader}" on ${sheet.name}`);
    const row = Number(at.split(',')[0]);
    const columns = new Map<string, number>();
    for (const [k, value] of sheet.cells) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      if (r === row && typeof value === 'string') columns.set(value, c);
    }
    return { row, columns };
  }

  /** Replaces the whole workbook with a decoded .xlsx (values, markers, tables, document properties). */
  load(decoded: DecodedWorkbook): void {
    this.sheets = [];
    this.active = undefined;
    this.selection = undefined;
    this.docProps = new Map(Object.entries(decoded.docProps));
    for (const d of decoded.sheets) this.addDecoded(d.name, d);
  }

  /** Adds a decoded sheet under `name`, with its tables (and its marker when `withMarker`). */
  addDecoded(name: string, decoded: DecodedSheet, withMarker = true): MemSheet {
    const sheet = this.addSheet(name, decoded.rows);
    for (const [k, v] of Object.entries(decoded.props ?? {})) if (k !== 'qms.template') sheet.props.set(k, v);
    if (withMarker && decoded.marker !== undefined) sheet.props.set('qms.template', decoded.marker);
    for (const t of decoded.tables ?? []) sheet.tables.push({ name: t.name, area: parseArea(t.ref) });
    return sheet;
  }

  /**
   * The whole workbook as text, and back: the browser tests keep it across a reload of the pane, as Excel keeps
   * the open workbook while its task pane reloads.
   */
  serialise(): string {
    return JSON.stringify({
      docProps: [...this.docProps],
      active: this.active,
      nextId: this.nextId,
      sheets: this.sheets.map((s) => ({
        ...s,
        cells: [...s.cells],
        formulas: [...s.formulas],
        fills: [...s.fills],
        bold: [...s.bold],
        props: [...s.props],
        numberFormats: [...s.numberFormats],
      })),
    });
  }

  restore(text: string): void {
    const saved = JSON.parse(text) as {
      docProps: [string, string][];
      active: string | undefined;
      nextId: number;
      sheets: (Omit<MemSheet, 'cells' | 'formulas' | 'fills' | 'bold' | 'props' | 'numberFormats'> & {
        cells: [string, MemValue][];
        formulas: string[];
        fills: [string, string][];
        bold: string[];
        props: [string, string][];
        numberFormats: [string, string][];
      })[];
    };
    this.docProps = new Map(saved.docProps);
    this.active = saved.active;
    this.nextId = saved.nextId;
    this.sheets = saved.sheets.map((s) => ({
      ...s,
      cells: new Map(s.cells),
      formulas: new Set(s.formulas),
      fills: new Map(s.fills),
      bold: new Set(s.bold),
      props: new Map(s.props),
      numberFormats: new Map(s.numberFormats),
    }));
  }

  /** Gives every cell of an A1 area a number format (as the user does with Format Cells → Percentage). */
  formatNumbers(sheetName: string, address: string, code: string): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`ItemNotFound: there is no sheet "${sheetName}"`);
    const area = parseArea(address);
    for (let r = 0; r < area.rows; r++)
      for (let c = 0; c < area.columns; c++) sheet.numberFormats.set(key(area.row + r, area.column + c), code);
  }

  /** A cell's value by A1 address ("" when blank). */
  value(sheetName: string, address: string): MemValue {
    const sheet = this.sheet(sheetName);
    const at = topLeft(address);
    return sheet?.cells.get(key(at.row, at.column)) ?? '';
  }

  fill(sheetName: string, address: string): string | undefined {
    const at = topLeft(address);
    return this.sheet(sheetName)?.fills.get(key(at.row, at.column));
  }

  usedArea(sheet: MemSheet): Area | undefined {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = 0;
    let c1 = 0;
    for (const k of sheet.cells.keys()) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r1 === 0 ? undefined : { row: r0, column: c0, rows: r1 - r0 + 1, columns: c1 - c0 + 1 };
  }
}

type Loadable = { load(props?: string | string[]): unknown };

class MemoryContext {
  /** Every call since the last sync, in the order made: loads, writes and inserts alike. */
  private ops: (() => void | Promise<void>)[] = [];
  private sizes: number[] = [];
  readonly workbook: WorkbookProxy;

  constructor(readonly wb: MemoryWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }

  /** Queues a call to run at the next sync (where its error, if any, surfaces). */
  defer(work: () => void | Promise<void>): void {
    this.ops.push(work);
  }

  /** Queues a call that needs ExcelApi `set`: on a host without it, the sync fails with ApiNotFound. */
  requires(set: string, what: string): void {
    if (!this.wb.supports(set))
      this.defer(() => {
        throw officeError('ApiNotFound', `${what} needs ExcelApi ${set}; this Excel has ${this.wb.apiVersion}.`);
      });
  }

  queue(target: Proxy, props: string[]): void {
    this.ops.push(() => {
      this.sizes.push(target.snapshot(props));
    });
  }

  async sync(): Promise<void> {
    this.wb.syncs++;
    const ops = this.ops;
    this.ops = [];
    this.sizes = [];
    const failure = this.wb.failNextSync;
    if (failure) {
      this.wb.failNextSync = undefined;
      throw failure;
    }
    // In order; the first failure ends the batch: what ran before it stays applied, the rest never runs.
    for (const op of ops) {
      try {
        await op();
      } catch (error) {
        throw asOfficeError(error);
      }
    }
    const sizes = this.sizes;
    const total = sizes.reduce((a, b) => a + b, 0);
    if (this.wb.batchLimitBytes !== undefined && total > this.wb.batchLimitBytes) throw responseTooLarge(this.wb);
    this.wb.responses.push(sizes);
    await Promise.resolve();
  }

  trackedObjects = { add: () => undefined, remove: () => undefined };
}

/**
 * What Excel on the web answers when the data a sync would return passes 5 MB: the code
 * `ResponsePayloadSizeLimitExceeded` (documented, and the same in every display language) with a message in the
 * user's language, which callers must not parse.
 */
function responseTooLarge(wb: MemoryWorkbook): Error {
  const message =
    wb.displayLanguage === 'de-DE'
      ? 'RichApi.Error: Die Größe der Antwortnutzlast hat den Grenzwert überschritten.'
      : 'RichApi.Error: The response payload size has exceeded the limit.';
  return Object.assign(new Error(message), { code: 'ResponsePayloadSizeLimitExceeded' });
}

/** Base of every proxy: load() queues, sync() snapshots, reading an unloaded property throws. */
abstract class Proxy implements Loadable {
  private loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(protected readonly ctx: MemoryContext) {}

  protected abstract exists(): boolean;
  protected abstract compute(prop: string): unknown;

  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim()).filter((p) => p !== '');
    this.ctx.queue(this, list);
    return this;
  }

  snapshot(props: string[]): number {
    this.nullState = !this.exists();
    if (this.nullState) return 0;
    const values: Record<string, unknown> = {};
    for (const prop of props) {
      if (prop === 'isNullObject') continue;
      const value = this.compute(prop);
      this.loaded.set(prop, value);
      values[prop] = value;
    }
    const bytes = JSON.stringify(values).length;
    if (bytes > PAYLOAD_LIMIT_BYTES) throw responseTooLarge(this.ctx.wb);
    return bytes;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined)
      throw new Error('PropertyNotLoaded: isNullObject was read before load() and sync()');
    return this.nullState;
  }

  protected read<T>(prop: string): T {
    if (this.nullState) throw new Error(`InvalidObjectPath: ${prop} was read from a null object`);
    if (!this.loaded.has(prop)) throw new Error(`PropertyNotLoaded: ${prop} was read before load() and sync()`);
    return this.loaded.get(prop) as T;
  }
}

class ClientResult<T> {
  private ready = false;
  constructor(private result: T) {}
  markReady(value?: T): void {
    if (value !== undefined) this.result = value;
    this.ready = true;
  }
  get value(): T {
    if (!this.ready) throw new Error('PropertyNotLoaded: a ClientResult was read before sync()');
    return this.result;
  }
}

class ResultProxy<T> extends Proxy {
  readonly result: ClientResult<T>;
  constructor(
    ctx: MemoryContext,
    private readonly value: () => T,
  ) {
    super(ctx);
    this.result = new ClientResult<T>(undefined as T);
    ctx.queue(this, []);
  }
  protected exists(): boolean {
    this.result.markReady(this.value());
    return true;
  }
  protected compute(): unknown {
    return undefined;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetsProxy;
  readonly properties: { custom: PropertiesProxy };
  readonly protection: ProtectionProxy;

  constructor(private readonly ctx: MemoryContext) {
    this.worksheets = new WorksheetsProxy(ctx);
    this.properties = {
      custom: new PropertiesProxy(ctx, () => ctx.wb.docProps, { set: '1.7', what: 'workbook.properties.custom' }),
    };
    this.protection = new ProtectionProxy(ctx);
  }

  insertWorksheetsFromBase64(base64: string, options?: { positionType?: string }): ClientResult<string[]> {
    const wb = this.ctx.wb;
    const decode = wb.decodeXlsx;
    if (!decode) throw new Error('InvalidArgument: this stand-in has no .xlsx decoder');
    if (options?.positionType && options.positionType !== 'End')
      throw new Error('The stand-in only inserts at the end');
    const result = new ClientResult<string[]>([]);
    this.ctx.requires('1.13', 'insertWorksheetsFromBase64');
    this.ctx.defer(async () => {
      if (wb.failInsert !== undefined) throw new Error(wb.failInsert);
      const names: string[] = [];
      for (const decoded of await decode(base64)) {
        let name = decoded.name;
        for (let n = 2; wb.sheet(name); n++) name = `${decoded.name} (${n})`;
        // Excel keeps a file's tables on insert; the adapter sets the markers itself.
        // Microsoft documents the result as the ids of the inserted worksheets, not their names.
        names.push(wb.addDecoded(name, decoded, false).id);
      }
      result.markReady(names);
    });
    return result;
  }
}

/** workbook.protection (ExcelApi 1.7): whether the structure is protected. */
class ProtectionProxy extends Proxy {
  protected exists(): boolean {
    return true;
  }
  protected compute(prop: string): unknown {
    if (prop === 'protected') return this.ctx.wb.structureProtected;
    throw new Error(`The stand-in cannot load protection.${prop}`);
  }
  get protected(): boolean {
    return this.read('protected');
  }
}

const structureProtected = (wb: MemoryWorkbook) => {
  if (wb.structureProtected) throw new Error("InvalidOperation: the workbook's structure is protected");
};

class WorksheetsProxy extends Proxy {
  private itemsCache: WorksheetProxy[] = [];
  constructor(ctx: MemoryContext) {
    super(ctx);
  }
  protected exists(): boolean {
    return true;
  }
  protected compute(prop: string): unknown {
    if (prop.startsWith('items')) {
      this.itemsCache = this.ctx.wb.sheets.map((s) => {
        const proxy = new WorksheetProxy(this.ctx, () => s);
        proxy.snapshot(['name']);
        return proxy;
      });
      return this.itemsCache.length;
    }
    throw new Error(`The stand-in cannot load worksheets.${prop}`);
  }
  get items(): WorksheetProxy[] {
    this.read('items/name');
    return this.itemsCache;
  }
  getCount(): ClientResult<number> {
    this.ctx.requires('1.4', 'worksheets.getCount');
    return new ResultProxy(this.ctx, () => this.ctx.wb.sheets.length).result;
  }
  getFirst(): WorksheetProxy {
    this.ctx.requires('1.5', 'worksheets.getFirst');
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.sheets[0]);
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const sheet = this.ctx.wb.sheet(name);
      if (!sheet) throw new Error(`ItemNotFound: there is no sheet "${name}"`);
      return sheet;
    });
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    this.ctx.requires('1.4', 'worksheets.getItemOrNullObject');
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.sheet(name));
  }
  /** The sheet is made at the sync (an invalid or taken name fails it there); the proxy points at it after. */
  add(name: string): WorksheetProxy {
    let sheet: MemSheet | undefined;
    this.ctx.defer(() => {
      structureProtected(this.ctx.wb);
      sheet = this.ctx.wb.addSheet(name);
    });
    return new WorksheetProxy(this.ctx, () => sheet);
  }
}

class WorksheetProxy extends Proxy {
  constructor(
    ctx: MemoryContext,
    readonly resolve: () => MemSheet | undefined,
  ) {
    super(ctx);
  }
  protected exists(): boolean {
    return this.resolve() !== undefined;
  }
  protected compute(prop: string): unknown {
    if (prop === 'name') return this.resolve()?.name;
    if (prop === 'id') return this.resolve()?.id;
    if (prop === 'position') return this.ctx.wb.sheets.indexOf(this.must());
    throw new Error(`The stand-in cannot load worksheet.${prop}`);
  }
  private must(): MemSheet {
    const sheet = this.resolve();
    if (!sheet) throw new Error('InvalidObjectPath: the worksheet does not exist');
    return sheet;
  }
  get name(): string {
    return this.read('name');
  }
  get id(): string {
    return this.read('id');
  }
  get position(): number {
    return this.read('position');
  }
  /** Moves the sheet to a 0-based place in the tab order. */
  set position(index: number) {
    this.ctx.defer(() => {
      structureProtected(this.ctx.wb);
      const sheet = this.must();
      const rest = this.ctx.wb.sheets.filter((s) => s !== sheet);
      rest.splice(Math.min(index, rest.length), 0, sheet);
      this.ctx.wb.sheets = rest;
    });
  }
  set showGridlines(on: boolean) {
    this.ctx.requires('1.8', 'worksheet.showGridlines');
    this.ctx.defer(() => void (lookOf(this.must()).showGridlines = on));
  }
  get pageLayout(): unknown {
    this.ctx.requires('1.9', 'worksheet.pageLayout');
    return pageLayoutOf(
      () => this.must(),
      (work) => this.ctx.defer(work),
    );
  }
  get customProperties(): PropertiesProxy {
    return new PropertiesProxy(this.ctx, () => this.resolve()?.props, {
      set: '1.12',
      what: 'worksheet.customProperties',
      keyLimit: 255,
    });
  }
  get charts(): { add(type: string, source: RangeProxy, seriesBy: string): ChartStub } {
    return {
      add: (type, source, seriesBy) => {
        const entry = { type, source: '', seriesBy, title: '' };
        this.ctx.defer(() => {
          entry.source = source.addressNow();
          this.must().charts.push(entry);
        });
        return new ChartStub(entry);
      },
    };
  }
  get tables(): TablesProxy {
    return new TablesProxy(this.ctx, this.resolve);
  }
  getNextOrNullObject(): WorksheetProxy {
    this.ctx.requires('1.5', 'worksheet.getNextOrNullObject');
    return new WorksheetProxy(this.ctx, () => {
      const sheet = this.resolve();
      return sheet ? this.ctx.wb.sheets[this.ctx.wb.sheets.indexOf(sheet) + 1] : undefined;
    });
  }
  getUsedRangeOrNullObject(): RangeProxy {
    this.ctx.requires('1.4', 'worksheet.getUsedRangeOrNullObject');
    return new RangeProxy(this.ctx, this.resolve, () => {
      const sheet = this.resolve();
      return sheet ? this.ctx.wb.usedArea(sheet) : undefined;
    });
  }
  getRange(address: string): RangeProxy {
    const area = parseArea(address);
    return new RangeProxy(this.ctx, this.resolve, () => (this.resolve() ? area : undefined));
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    this.ctx.requires('1.7', 'worksheet.getRangeByIndexes');
    const area = { row: row + 1, column: column + 1, rows, columns };
    return new RangeProxy(this.ctx, this.resolve, () => (this.resolve() ? area : undefined));
  }
  activate(): void {
    this.ctx.defer(() => {
      this.ctx.wb.active = this.must().name;
    });
  }
  delete(): void {
    this.ctx.defer(() => {
      structureProtected(this.ctx.wb);
      const sheet = this.must();
      this.ctx.wb.sheets = this.ctx.wb.sheets.filter((s) => s !== sheet);
      if (this.ctx.wb.active === sheet.name) this.ctx.wb.active = this.ctx.wb.sheets[0]?.name;
    });
  }
}

class TablesProxy extends Proxy {
  private itemsCache: TableProxy[] = [];
  constructor(
    ctx: MemoryContext,
    private readonly sheet: () => MemSheet | undefined,
  ) {
    super(ctx);
  }
  protected exists(): boolean {
    return this.sheet() !== undefined;
  }
  protected compute(prop: string): unknown {
    if (!prop.startsWith('items')) throw new Error(`The stand-in cannot load tables.${prop}`);
    this.itemsCache = (this.sheet()?.tables ?? []).map((t) => {
      const proxy = new TableProxy(this.ctx, this.sheet, () => t);
      proxy.snapshot(['name']);
      return proxy;
    });
    return this.itemsCache.length;
  }
  get items(): TableProxy[] {
    this.read('items/name');
    return this.itemsCache;
  }
}

class TableProxy extends Proxy {
  constructor(
    ctx: MemoryContext,
    private readonly sheet: () => MemSheet | undefined,
    private readonly table: () => { name: string; area: Area } | undefined,
  ) {
    super(ctx);
  }
  protected exists(): boolean {
    return this.table() !== undefined;
  }
  protected compute(prop: string): unknown {
    if (prop === 'name') return this.table()?.name;
    throw new Error(`The stand-in cannot load table.${prop}`);
  }
  get name(): string {
    return this.read('name');
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, this.sheet, () => this.table()?.area);
  }
  /** ExcelApi 1.13: the new range must keep the header row where it is and overlap the old one. */
  resize(address: string | RangeProxy): void {
    this.ctx.requires('1.13', 'table.resize');
    this.ctx.defer(() => {
      const table = this.table();
      if (!table) throw new Error('InvalidObjectPath: the table does not exist');
      const area = parseArea(typeof address === 'string' ? address : address.addressNow());
      if (area.row !== table.area.row || area.column !== table.area.column)
        throw new Error('InvalidArgument: a table resize must keep its header row and first column');
      table.area = area;
    });
  }
}

class ChartStub {
  constructor(private readonly entry: { title: string }) {}
  get title(): { text: string } {
    const entry = this.entry;
    return {
      get text() {
        return entry.title;
      },
      set text(value: string) {
        entry.title = value;
      },
    };
  }
  legend = { visible: true };
  setPosition(): void {}
}

class RangeProxy extends Proxy {
  constructor(
    ctx: MemoryContext,
    private readonly sheet: () => MemSheet | undefined,
    private readonly area: () => Area | undefined,
  ) {
    super(ctx);
  }
  protected exists(): boolean {
    return this.area() !== undefined;
  }
  private target(): { sheet: MemSheet; area: Area } {
    const sheet = this.sheet();
    const area = this.area();
    if (!sheet || !area) throw new Error('InvalidObjectPath: the range does not exist');
    return { sheet, area };
  }
  addressNow(): string {
    const { sheet, area } = this.target();
    const start = `${columnLetter(area.column)}${area.row}`;
    const end = `${columnLetter(area.column + area.columns - 1)}${area.row + area.rows - 1}`;
    return `${quoteSheet(sheet.name)}!${start === end ? start : `${start}:${end}`}`;
  }
  protected compute(prop: string): unknown {
    const { sheet, area } = this.target();
    switch (prop) {
      case 'address':
        return this.addressNow();
      case 'rowCount':
        return area.rows;
      case 'columnCount':
        return area.columns;
      case 'rowIndex':
        return area.row - 1;
      case 'columnIndex':
        return area.column - 1;
      case 'values':
        return Array.from({ length: area.rows }, (_, i) =>
          Array.from({ length: area.columns }, (_, j) => sheet.cells.get(key(area.row + i, area.column + j)) ?? ''),
        );
      case 'numberFormat':
        return Array.from({ length: area.rows }, (_, i) =>
          Array.from(
            { length: area.columns },
            (_, j) => sheet.numberFormats.get(key(area.row + i, area.column + j)) ?? 'General',
          ),
        );
      default:
        throw new Error(`The stand-in cannot load range.${prop}`);
    }
  }
  get address(): string {
    return this.read('address');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  /** Number formats, one code per cell (a 2-D array as large as the range). */
  set numberFormat(codes: string[][]) {
    this.ctx.defer(() => {
      const { sheet, area } = this.target();
      codes.forEach((row, i) =>
        row.forEach((code, j) => {
          if (code === 'General') sheet.numberFormats.delete(key(area.row + i, area.column + j));
          else sheet.numberFormats.set(key(area.row + i, area.column + j), code);
        }),
      );
    });
  }
  merge(across = false): void {
    if (across) throw new Error('The stand-in merges whole areas only');
    this.ctx.requires('1.2', 'range.merge');
    this.ctx.defer(() => {
      const { sheet, area } = this.target();
      lookOf(sheet).merges.push(area);
    });
  }
  get conditionalFormats(): ReturnType<typeof conditionalFormatsOf> {
    this.ctx.requires('1.6', 'range.conditionalFormats');
    return conditionalFormatsOf(
      () => this.target(),
      (work) => this.ctx.defer(work),
    );
  }
  get values(): MemValue[][] {
    return this.read('values');
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  set values(rows: MemValue[][]) {
    this.ctx.defer(() => {
      const { sheet, area } = this.target();
      if (rows.length !== area.rows || rows.some((r) => r.length !== area.columns)) {
        throw new Error(`InvalidArgument: ${rows.length} rows do not fit ${this.addressNow()}`);
      }
      this.ctx.wb.write(sheet, area.row, area.column, rows);
    });
  }
  private formatCache: ReturnType<typeof formatFacade> | undefined;

  get format(): ReturnType<typeof formatFacade> & { fill: FillProxy } {
    const target = () => this.target();
    const ctx = this.ctx;
    const fill = new FillProxy(this.ctx, target);
    // Every format call is applied at the sync, as Excel does (memory-format.ts queues them the same way).
    this.formatCache ??= formatFacade(
      target,
      fill,
      (on) => {
        ctx.defer(() => {
          const { sheet, area } = target();
          for (let r = 0; r < area.rows; r++)
            for (let c = 0; c < area.columns; c++) {
              if (on) sheet.bold.add(key(area.row + r, area.column + c));
              else sheet.bold.delete(key(area.row + r, area.column + c));
            }
        });
      },
      (work) => ctx.defer(work),
    );
    return this.formatCache as ReturnType<typeof formatFacade> & { fill: FillProxy };
  }
  get dataValidation(): { clear(): void; rule: { list?: { inCellDropDown: boolean; source: string } } } {
    const ctx = this.ctx;
    ctx.requires('1.8', 'range.dataValidation');
    const target = () => this.target();
    const same = (a: Area, b: Area) =>
      a.row === b.row && a.column === b.column && a.rows === b.rows && a.columns === b.columns;
    return {
      clear: () => {
        ctx.defer(() => {
          const { sheet, area } = target();
          sheet.validations = sheet.validations.filter((v) => !same(v.area, area));
        });
      },
      get rule() {
        throw new Error('The stand-in cannot read dataValidation.rule');
      },
      set rule(rule: { list?: { inCellDropDown: boolean; source: string } }) {
        if (!rule.list) throw new Error('The stand-in keeps list validations only');
        const source = rule.list.source;
        ctx.defer(() => {
          const { sheet, area } = target();
          if (sheet.validations.some((v) => same(v.area, area)))
            throw new Error('InvalidOperation: clear the existing validation before setting a rule');
          sheet.validations.push({ area, source });
        });
      },
    };
  }
  select(): void {
    this.ctx.defer(() => {
      const { sheet } = this.target();
      if (this.ctx.wb.active !== sheet.name)
        throw new Error(`InvalidSelection: "${sheet.name}" is not the active sheet`);
      this.ctx.wb.selection = {
        sheet: sheet.name,
        address: this.addressNow().slice(this.addressNow().lastIndexOf('!') + 1),
      };
    });
  }
}

class FillProxy extends Proxy {
  constructor(
    ctx: MemoryContext,
    private readonly target: () => { sheet: MemSheet; area: Area },
  ) {
    super(ctx);
  }
  protected exists(): boolean {
    return true;
  }
  protected compute(): unknown {
    const { sheet, area } = this.target();
    // Excel reports an unfilled cell as white.
    return sheet.fills.get(key(area.row, area.column)) ?? '#FFFFFF';
  }
  get color(): string {
    return this.read('color');
  }
  /** Fills every cell of the range, as Excel does. */
  set color(value: string) {
    this.ctx.defer(() => {
      const { sheet, area } = this.target();
      for (let r = 0; r < area.rows; r++)
        for (let c = 0; c < area.columns; c++) sheet.fills.set(key(area.row + r, area.column + c), value);
    });
  }
  clear(): void {
    this.ctx.defer(() => {
      const { sheet, area } = this.target();
      sheet.fills.delete(key(area.row, area.column));
    });
  }
}

/**
 * Document properties (ExcelApi 1.7) cut a value to 255 characters; worksheet properties (1.12) refuse a key over
 * 255 characters and keep any value.
 */
class PropertiesProxy {
  constructor(
    private readonly ctx: MemoryContext,
    private readonly map: () => Map<string, string> | undefined,
    private readonly kind: { set: string; what: string; keyLimit?: number },
  ) {
    ctx.requires(kind.set, kind.what);
  }
  add(name: string, value: string): void {
    const document = this.kind.keyLimit === undefined;
    this.ctx.defer(() => {
      const map = this.map();
      if (!map) throw new Error('InvalidObjectPath: the properties do not exist');
      if (this.kind.keyLimit !== undefined && name.length > this.kind.keyLimit)
        throw officeError('InvalidArgument', `A custom property key is at most ${this.kind.keyLimit} characters.`);
      const trim = document && this.ctx.wb.trimDocumentProperties;
      map.set(trim ? name.slice(0, 255) : name, trim ? value.slice(0, 255) : value);
    });
  }
  getItemOrNullObject(name: string): PropertyProxy {
    return new PropertyProxy(
      this.ctx,
      () => this.map()?.get(name),
      () => this.map()?.delete(name),
    );
  }
}

class PropertyProxy extends Proxy {
  constructor(
    ctx: MemoryContext,
    private readonly get: () => string | undefined,
    private readonly remove: () => void,
  ) {
    super(ctx);
  }
  delete(): void {
    this.ctx.defer(() => this.remove());
  }
  protected exists(): boolean {
    return this.get() !== undefined;
  }
  protected compute(): unknown {
    return this.get();
  }
  get value(): string {
    return this.read('value');
  }
}

export { columnNumber };
