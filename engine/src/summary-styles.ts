import type { CellStyle, StyleName } from './summary-layout.js';

/** The dashboard's palette: Office's own table colours, so the sheet looks at home in Excel. */
export const COLOURS = {
  title: '#1F3864',
  header: '#D9E1F2',
  headerLine: '#8EA9DB',
  muted: '#7F7F7F',
  bar: '#4472C4',
  passFill: '#C6EFCE',
  passText: '#006100',
  failFill: '#FFC7CE',
  failText: '#9C0006',
  amberFill: '#FFEB9C',
  amberText: '#9C5700',
  bandP50: '#4472C4',
  bandP80: '#B4C6E7',
  notes: '#FFF9E5',
} as const;

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', JPY: '¥' };

/**
 * A currency number format for whole units: the symbol before the figure for the few currencies that have a
 * well-known one, the ISO code after it otherwise ("12,345 CHF"). Negative amounts keep their minus sign.
 */
export function moneyFormat(currency: string): string {
  const code = currency.replace(/[^A-Za-z]/g, '').toUpperCase() || 'XXX';
  const symbol = SYMBOLS[code];
  return symbol ? `"${symbol}"#,##0` : `#,##0 "${code}"`;
}

/** Paper by the profile's currency: Letter where it is the usual size (US and Canadian dollars), else A4. */
export function paperFor(currency: string | undefined): 'A4' | 'Letter' {
  return currency === 'USD' || currency === 'CAD' ? 'Letter' : 'A4';
}

/** Every style the sheet uses; all at 10 pt so the page stays legible when fitted to one landscape page. */
export function summaryStyles(currency: string): Record<StyleName, CellStyle> {
  const base: CellStyle = { size: 10, vAlign: 'center' };
  const header: CellStyle = {
    ...base,
    bold: true,
    fill: COLOURS.header,
    borderBottom: COLOURS.headerLine,
  };
  const money = moneyFormat(currency);
  return {
    plain: base,
    title: { bold: true, size: 18, color: '#FFFFFF', fill: COLOURS.title, vAlign: 'center' },
    subtitle: { size: 10, color: '#FFFFFF', fill: COLOURS.title, align: 'right', vAlign: 'center' },
    label: { ...base, align: 'left' },
    text: { ...base, align: 'left' },
    wrap: { ...base, align: 'left', wrap: true },
    muted: { ...base, italic: true, color: COLOURS.muted, align: 'left', wrap: true },
    rule: { size: 8, italic: true, color: COLOURS.muted, align: 'left', vAlign: 'center' },
    header: { ...header, align: 'left' },
    headerNum: { ...header, align: 'right' },
    headerCenter: { ...header, align: 'center' },
    headerBand: { ...header, size: 8, align: 'center', rotate: 90 },
    verdict: { ...base, bold: true, size: 12, align: 'left' },
    score: { ...base, bold: true, size: 14, numFmt: '0.0', align: 'right' },
    percent: { ...base, numFmt: '0.0', align: 'right' },
    number: { ...base, numFmt: '#,##0', align: 'right' },
    days: { ...base, numFmt: '0.0', align: 'right' },
    date: { ...base, align: 'center' },
    count: { ...base, numFmt: '#,##0', align: 'center' },
    points: { ...base, numFmt: '0.0', align: 'center' },
    centered: { ...base, align: 'center' },
    result: { ...base, bold: true, align: 'center' },
    money: { ...base, numFmt: money, align: 'right' },
    moneyTotal: { ...base, bold: true, numFmt: money, align: 'right', borderTop: '#000000' },
    totalLabel: { ...base, bold: true, align: 'left', borderTop: '#000000' },
    // The band's cells hold 1 (until P50) or 2 (P50 to P80); the format hides the digit, the fills show it.
    band: { size: 8, numFmt: ';;;', align: 'center' },
    notesMarker: { ...base, bold: true, size: 12, fill: COLOURS.notes, borderBottom: COLOURS.headerLine },
    notesHint: { ...base, italic: true, color: COLOURS.muted, fill: COLOURS.notes, borderBottom: COLOURS.headerLine },
    notes: { ...base, align: 'left', vAlign: 'top', wrap: true, fill: COLOURS.notes },
  };
}
