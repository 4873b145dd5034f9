/**
 * The stand-in's cell formats, merges, conditional formats and page layout: what the summary writer sets through
 * Office.js, kept per sheet so a test can read back the sheet the pane wrote and compare it with the CLI's file.
 * Only the properties the adapter sets are modelled; each is applied to every cell of the range, as in Excel.
 */
import type { Area, MemSheet } from './memory-excel.ts';

export interface CellLook {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  align?: string;
  vAlign?: string;
  wrap?: boolean;
  rotate?: number;
  borderTop?: string;
  borderBottom?: string;
}

export interface MemConditionalFormat {
  type: 'DataBar' | 'CellValue';
  area: Area;
  dataBar?: { lowerBoundRule?: unknown; upperBoundRule?: unknown; fillColor?: string; barDirection?: string };
  cellValue?: { rule?: { formula1: string; operator: string }; fill?: string; color?: string };
}

export interface SheetLook {
  cells: Map<string, CellLook>;
  /** Column widths and row heights in points, 1-based. */
  widths: Map<number, number>;
  heights: Map<number, number>;
  merges: Area[];
  conditionalFormats: MemConditionalFormat[];
  page: Record<string, unknown>;
  footer: { leftFooter?: string; centerFooter?: string; rightFooter?: string };
  showGridlines: boolean;
}

const looks = new WeakMap<MemSheet, SheetLook>();

/** The formats of a sheet (created empty on first use). */
export function lookOf(sheet: MemSheet): SheetLook {
  let look = looks.get(sheet);
  if (!look) {
    look = {
      cells: new Map(),
      widths: new Map(),
      heights: new Map(),
      merges: [],
      conditionalFormats: [],
      page: {},
      footer: {},
      showGridlines: true,
    };
    looks.set(sheet, look);
  }
  return look;
}

const key = (row: number, column: number) => `${row},${column}`;

function each(area: Area, fn: (row: number, column: number) => void): void {
  for (let r = 0; r < area.rows; r++) for (let c = 0; c < area.columns; c++) fn(area.row + r, area.column + c);
}

type Target = () => { sheet: MemSheet; area: Area };
/** Queues work for the next `context.sync()`, where Excel applies a batch (and where its errors surface). */
export type Defer = (work: () => void) => void;

function setter<K extends keyof CellLook>(target: Target, prop: K, defer: Defer) {
  return (value: CellLook[K]) =>
    defer(() => {
      const { sheet, area } = target();
      const look = lookOf(sheet);
      each(area, (r, c) => look.cells.set(key(r, c), { ...look.cells.get(key(r, c)), [prop]: value }));
    });
}

/** `range.format` beyond fill and bold: font, alignment, wrap, rotation, borders, widths and heights. */
export function formatFacade(target: Target, fill: unknown, bold: (on: boolean) => void, defer: Defer) {
  const set = <K extends keyof CellLook>(prop: K) => setter(target, prop, defer);
  const border = (prop: 'borderTop' | 'borderBottom') => ({
    style: 'None',
    weight: 'Thin',
    get color() {
      return '';
    },
    set color(value: string) {
      set(prop)(value);
    },
  });
  return {
    fill,
    font: {
      get bold() {
        return false;
      },
      set bold(on: boolean) {
        bold(on);
        set('bold')(on);
      },
      set italic(on: boolean) {
        set('italic')(on);
      },
      set color(value: string) {
        set('color')(value);
      },
      set size(value: number) {
        set('size')(value);
      },
    },
    set horizontalAlignment(value: string) {
      set('align')(value);
    },
    set verticalAlignment(value: string) {
      set('vAlign')(value);
    },
    set wrapText(on: boolean) {
      set('wrap')(on);
    },
    set textOrientation(degrees: number) {
      set('rotate')(degrees);
    },
    borders: {
      getItem(edge: string) {
        if (edge === 'EdgeTop') return border('borderTop');
        if (edge === 'EdgeBottom') return border('borderBottom');
        throw new Error(`The stand-in keeps top and bottom borders only, not ${edge}`);
      },
    },
    get columnWidth() {
      return 0;
    },
    set columnWidth(points: number) {
      defer(() => {
        const { sheet, area } = target();
        for (let c = 0; c < area.columns; c++) lookOf(sheet).widths.set(area.column + c, points);
      });
    },
    set rowHeight(points: number) {
      defer(() => {
        const { sheet, area } = target();
        for (let r = 0; r < area.rows; r++) lookOf(sheet).heights.set(area.row + r, points);
      });
    },
    autofitColumns: () => undefined,
  };
}

/** `range.conditionalFormats` (ExcelApi 1.6): data bars and cell-value rules, recorded as set. */
export function conditionalFormatsOf(target: Target, defer: Defer) {
  return {
    add(type: 'DataBar' | 'CellValue') {
      // The rule's settings below fill `entry` at once; it joins the sheet at the sync, with the range's area then.
      const entry: MemConditionalFormat = { type, area: { row: 0, column: 0, rows: 0, columns: 0 } };
      defer(() => {
        const { sheet, area } = target();
        entry.area = area;
        lookOf(sheet).conditionalFormats.push(entry);
      });
      if (type === 'DataBar') {
        const bar: NonNullable<MemConditionalFormat['dataBar']> = {};
        entry.dataBar = bar;
        return {
          dataBar: {
            set barDirection(v: string) {
              bar.barDirection = v;
            },
            set lowerBoundRule(v: unknown) {
              bar.lowerBoundRule = v;
            },
            set upperBoundRule(v: unknown) {
              bar.upperBoundRule = v;
            },
            positiveFormat: {
              set fillColor(v: string) {
                bar.fillColor = v;
              },
              gradientFill: true,
            },
          },
        };
      }
      if (type !== 'CellValue')
        throw new Error(`The stand-in keeps data bars and cell-value rules only, not ${String(type)}`);
      const rule: NonNullable<MemConditionalFormat['cellValue']> = {};
      entry.cellValue = rule;
      return {
        cellValue: {
          format: {
            fill: {
              set color(v: string) {
                rule.fill = v;
              },
            },
            font: {
              set color(v: string) {
                rule.color = v;
              },
            },
          },
          set rule(v: { formula1: string; operator: string }) {
            rule.rule = v;
          },
        },
      };
    },
  };
}

/** `worksheet.pageLayout` (ExcelApi 1.9): every property set is recorded by name; footers by position. */
export function pageLayoutOf(sheet: () => MemSheet, defer: Defer) {
  const footer = new Proxy(
    {},
    {
      set(_, prop: string, value: unknown) {
        defer(() => void ((lookOf(sheet()).footer as Record<string, unknown>)[prop] = value));
        return true;
      },
    },
  );
  const page = new Proxy(
    {},
    {
      set(_, prop: string, value: unknown) {
        defer(() => void (lookOf(sheet()).page[prop] = value));
        return true;
      },
      get(_, prop: string) {
        if (prop === 'headersFooters') return { defaultForAllPages: footer };
        return undefined;
      },
    },
  );
  return page;
}
