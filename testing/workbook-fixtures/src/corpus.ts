import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

/** The corpus of workbooks other programs wrote (templates/corpus/), and what each file is said to hold. */
export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates', 'corpus');

export interface CorpusEntry {
  file: string;
  /** The program that wrote the file: openpyxl, libreoffice, exceljs or handmade (zipfile, part by part). */
  writer: 'openpyxl' | 'libreoffice' | 'exceljs' | 'handmade';
  /** The script beside the files that made it. */
  madeBy: string;
  /** Package features the file holds; each is checked against the bytes by `featuresOf`. */
  features: CorpusFeature[];
  /** Every worksheet, in tab order (chart sheets hold no cells and are not listed). */
  sheets: string[];
  /** CAPA records the CAPA Log gives at the corpus's as-of date. */
  records: number;
  /** Whether the file records its template version (a sheet marker or the qms.templates property). */
  versioned: boolean;
}

export const CORPUS_AS_OF = '2026-06-30';

export function corpusManifest(): CorpusEntry[] {
  return (JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as { files: CorpusEntry[] }).files;
}

/** What a feature looks like in the package: a content type, a part name, or markup in a part. */
const CHECKS = {
  comments: { contentType: 'spreadsheetml.comments+xml' },
  'threaded-comments': { contentType: 'threadedcomments+xml' },
  drawing: { contentType: 'drawing+xml' },
  chart: { contentType: 'drawingml.chart+xml' },
  'chart-sheet': { contentType: 'chartsheet+xml' },
  image: { part: /^xl\/media\// },
  pivot: { contentType: 'pivotTable+xml' },
  slicer: { contentType: 'slicer+xml' },
  'external-link': { contentType: 'externalLink+xml' },
  'custom-xml': { part: /^customXml\/item\d+\.xml$/ },
  vba: { part: /vbaProject\.bin$/ },
  table: { contentType: 'spreadsheetml.table+xml' },
  'totals-row': { markup: /<(?:\w+:)?table\b[^>]*\btotalsRowCount="[1-9]/, in: /tables\// },
  'x14-validation': { markup: /<x14:dataValidation\b/, in: /worksheets\// },
  'list-validation': { markup: /<dataValidation\b[^>]*type="list"/, in: /worksheets\// },
  'absolute-paths': { markup: /Target="\/xl\//, in: /\.rels$/ },
  date1904: { markup: /date1904="(?:1|true)"/, in: /workbook\.xml$/ },
  'hidden-sheet': { markup: /<(?:\w+:)?sheet\b[^>]*state="(?:hidden|veryHidden)"/, in: /workbook\.xml$/ },
  'hidden-rows': { markup: /<(?:\w+:)?row\b[^>]*hidden="(?:1|true)"/, in: /worksheets\// },
  'defined-names': { markup: /<(?:\w+:)?definedName\b/, in: /workbook\.xml$/ },
  'inline-strings': { markup: /t="inlineStr"/, in: /worksheets\// },
  'rich-text': { markup: /<(?:\w+:)?si>\s*<(?:\w+:)?r>/, in: /sharedStrings\.xml$/ },
  merged: { markup: /<(?:\w+:)?mergeCell\b/, in: /worksheets\// },
  formulas: { markup: /<(?:\w+:)?f\b[^>]*>[^<]+<\/(?:\w+:)?f>\s*<(?:\w+:)?v>/, in: /worksheets\// },
  errors: { markup: /\bt="e"/, in: /worksheets\// },
  booleans: { markup: /\bt="b"/, in: /worksheets\// },
  markers: { markup: /<(?:\w+:)?customPr\b[^>]*name="qms\.template"/, in: /worksheets\// },
} as const satisfies Record<string, { contentType: string } | { part: RegExp } | { markup: RegExp; in: RegExp }>;

export type CorpusFeature = keyof typeof CHECKS;
export const CORPUS_FEATURES = Object.keys(CHECKS) as CorpusFeature[];

/** The features a package's bytes show, by the checks above (in CORPUS_FEATURES order). */
export async function featuresOf(bytes: Uint8Array): Promise<CorpusFeature[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
  const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  const texts = new Map<string, string>();
  const text = async (name: string) => {
    if (!texts.has(name)) texts.set(name, (await zip.file(name)?.async('string')) ?? '');
    return texts.get(name) ?? '';
  };
  const found: CorpusFeature[] = [];
  for (const feature of CORPUS_FEATURES) {
    const check: { contentType?: string; part?: RegExp; markup?: RegExp; in?: RegExp } = CHECKS[feature];
    let has = false;
    if (check.contentType !== undefined) has = types.includes(check.contentType);
    else if (check.part) has = names.some((n) => check.part?.test(n));
    else if (check.markup && check.in)
      for (const name of names.filter((n) => check.in?.test(n))) if ((has = check.markup.test(await text(name)))) break;
    if (has) found.push(feature);
  }
  return found;
}
