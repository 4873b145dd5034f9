import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWorkbook, validateWorkbook, type QmsRecord, type WorkbookInput } from '@qms/templates';
import { CAPA_V2, registerCapaV2 } from '@qms/workbook-fixtures';
import { CORPUS_AS_OF, CORPUS_DIR, corpusManifest, type CorpusEntry } from '@qms/workbook-fixtures/corpus';
import { readWorkbook, withDocumentProperty } from '@qms/templates/xlsx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { CSV_ALL_SHEETS, sofficeConvert } from './shared/libreoffice.js';
import { memoryIo } from './shared/memory-io.js';

/**
 * Write-back over the whole corpus (templates/corpus/manifest.json: 33 workbooks from openpyxl, LibreOffice,
 * ExcelJS and hand-made OOXML). For every file, `qms assess --summary` and `qms upgrade` (to a made-up capa-log@2)
 * write a copy in which every part they do not own is byte-identical to the source, LibreOffice opens the copy,
 * and the records read from it are the source's.
 */
const manifest = corpusManifest();
const NOW = new Date(Date.UTC(2026, 5, 30, 12));
let dir: string;

type Parts = Map<string, Uint8Array>;
interface Outcome {
  code: number;
  err: string;
  source: Parts;
  result: Parts;
  sourceInput: WorkbookInput;
  resultInput: WorkbookInput;
  sourceRecords: QmsRecord[];
  resultRecords: QmsRecord[];
  sourceCheck: unknown;
  resultCheck: unknown;
}
const summaries = new Map<string, Outcome>();
const upgrades = new Map<string, Outcome>();
let libreOffice: Set<string>;

async function parts(path: string): Promise<Parts> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const out: Parts = new Map();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out.set(name, await entry.async('uint8array'));
  return out;
}

async function run(...argv: string[]) {
  const io = memoryIo(dir, NOW);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** What `qms check --json` says about a file, without the file's own name. */
async function check(file: string): Promise<unknown> {
  const r = await run('check', file, '--as-of', CORPUS_AS_OF, '--json');
  const json = JSON.parse(r.out) as Record<string, unknown>;
  delete json.file;
  return json;
}

/** Records by the shipped modules, or (for an upgraded copy) by the given ones. */
type Parse = (input: WorkbookInput) => QmsRecord[];
const shipped: Parse = (input) => validateWorkbook(input, { asOf: CORPUS_AS_OF }).records;

async function outcome(
  code: number,
  err: string,
  source: string,
  result: string,
  parseResult: Parse = shipped,
): Promise<Outcome> {
  const sourceInput = await readWorkbook(new Uint8Array(await readFile(join(dir, source))));
  const resultInput = await readWorkbook(new Uint8Array(await readFile(join(dir, result))));
  return {
    code,
    err,
    source: await parts(join(dir, source)),
    result: await parts(join(dir, result)),
    sourceInput,
    resultInput,
    sourceRecords: shipped(sourceInput),
    resultRecords: parseResult(resultInput),
    sourceCheck: await check(source),
    resultCheck: await check(result),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qms-write-back-'));
  for (const sub of ['src', 'sum', 'pre', 'up', 'lo-sum', 'lo-up', 'profile']) await mkdir(join(dir, sub));
  for (const e of manifest) {
    await copyFile(join(CORPUS_DIR, e.file), join(dir, 'src', e.file));
    const r = await run('assess', `src/${e.file}`, '--as-of', CORPUS_AS_OF, '--summary', `sum/${e.file}`);
    summaries.set(e.file, await outcome(r.code, r.err, `src/${e.file}`, `sum/${e.file}`));
  }
  const undo = registerCapaV2();
  try {
    for (const e of manifest) {
      // A file that never recorded its template version is told it holds capa-log@1 (the one change made to it
      // before the upgrade; the comparison is against this prepared copy).
      const bytes = new Uint8Array(await readFile(join(dir, 'src', e.file)));
      const prepared = e.versioned
        ? bytes
        : (await withDocumentProperty(bytes, 'qms.templates', JSON.stringify({ 'capa-log': 1 }))).bytes;
      await writeFile(join(dir, 'pre', e.file), prepared);
      const r = await run('upgrade', `pre/${e.file}`, '--out', `up/${e.file}`);
      const v2: Parse = (input) => parseWorkbook(input, [CAPA_V2], { asOf: CORPUS_AS_OF }).records;
      upgrades.set(e.file, await outcome(r.code, r.err, `pre/${e.file}`, `up/${e.file}`, v2));
    }
  } finally {
    undo();
  }
  // One LibreOffice run per folder: each copy's every sheet to CSV (LibreOffice names them FILE-SHEET.csv).
  for (const [from, to] of [
    ['sum', 'lo-sum'],
    ['up', 'lo-up'],
  ] as const) {
    await sofficeConvert({
      profileDir: join(dir, 'profile'),
      target: CSV_ALL_SHEETS,
      outDir: join(dir, to),
      files: manifest.map((e) => join(dir, from, e.file)),
    });
  }
  libreOffice = new Set([
    ...(await readdir(join(dir, 'lo-sum'))).map((f) => `sum/${f}`),
    ...(await readdir(join(dir, 'lo-up'))).map((f) => `up/${f}`),
  ]);
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));
const text = (p: Parts, name: string) => new TextDecoder().decode(p.get(name) ?? new Uint8Array());
const stem = (file: string) => file.replace(/\.xls[xm]$/, '');
const workbookPart = (p: Parts) => [...p.keys()].find((n) => /^\/?xl\/workbook\.xml$/i.test(n)) ?? 'xl/workbook.xml';

/** The parts of `source` that differ in (or are missing from) `result`. */
function changedParts(o: Outcome): string[] {
  return [...o.source.keys()].filter((name) => !same(o.source.get(name), o.result.get(name)));
}

/** The worksheet part, its rels and its tables for one sheet name, read from the package's own relationships. */
function sheetParts(p: Parts, sheet: string): { part: string; rels: string; tables: string[] } {
  const wb = workbookPart(p);
  const wbRels = wb.replace(/workbook\.xml$/i, '_rels/workbook.xml.rels');
  const tag = new RegExp(`<(?:\\w+:)?sheet\\b[^>]*name="${sheet}"[^>]*>`).exec(text(p, wb))?.[0] ?? '';
  const id = /r:id="([^"]+)"|:id="([^"]+)"/.exec(tag);
  const rid = id?.[1] ?? id?.[2];
  const target = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*>`).exec(text(p, wbRels))?.[0] ?? '';
  const path = /Target="([^"]+)"/.exec(target)?.[1] ?? '';
  const part = path.startsWith('/') ? path.slice(1) : `xl/${path.replace(/^\.\//, '')}`;
  const rels = part.replace(/([^/]+)$/, '_rels/$1.rels');
  const tables = [
    ...text(p, rels).matchAll(/Type="[^"]*\/table"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Type="[^"]*\/table"/g),
  ]
    .map((m) => m[1] ?? m[2] ?? '')
    .map((t) => (t.startsWith('/') ? t.slice(1) : `xl/${t.replace(/^\.\.\//, '')}`));
  return { part, rels, tables };
}

const fileCases = manifest.map((e) => [e.file, e] as const);

describe('write-back.summary: qms assess --summary on every corpus file', () => {
  it.each(fileCases)('%s', (file, entry: CorpusEntry) => {
    const o = summaries.get(file)!;
    expect(o.err).toBe('');
    expect(o.code).not.toBe(2);
    // Owned: the package's index parts, the workbook and its rels (a sheet added), styles (entries appended).
    const wb = workbookPart(o.source);
    const owned = new Set([
      '[Content_Types].xml',
      wb,
      wb.replace(/workbook\.xml$/i, '_rels/workbook.xml.rels'),
      ...[...o.source.keys()].filter((n) => /^\/?xl\/styles\.xml$/i.test(n)),
      'docProps/app.xml',
    ]);
    expect(changedParts(o).filter((n) => !owned.has(n))).toEqual([]);
    const added = [...o.result.keys()].filter((n) => !o.source.has(n));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^xl\/worksheets\/[\w-]+\.xml$/);
    // Styles only grow: every cell format the source had is still at its index.
    const styles = [...o.source.keys()].find((n) => /^\/?xl\/styles\.xml$/i.test(n));
    if (styles) {
      const xfs = (p: Parts) =>
        /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(text(p, styles))?.[1] ?? '';
      expect(xfs(o.result).startsWith(xfs(o.source))).toBe(true);
    }
    // The workbook keeps its sheets (in order) and its defined names, and gains "QMS Readiness".
    expect(o.resultInput.sheets.map((s) => s.name)).toEqual([...entry.sheets, 'QMS Readiness']);
    for (const name of text(o.source, wb).match(/<(?:\w+:)?definedName\b[\s\S]*?<\/(?:\w+:)?definedName>/g) ?? [])
      expect(text(o.result, wb)).toContain(name);
    // LibreOffice opens the copy and finds both the CAPA Log and the summary.
    expect(libreOffice).toContain(`sum/${stem(file)}-CAPA Log.csv`);
    expect(libreOffice).toContain(`sum/${stem(file)}-QMS Readiness.csv`);
    // The records, and what qms check says, are the source's (the summary sheet is one more unrecognised sheet).
    expect(o.resultRecords).toEqual(o.sourceRecords);
    expect(o.resultRecords.filter((r) => r.type === 'capa')).toHaveLength(entry.records);
    const { unrecognised: before, ...sourceRest } = o.sourceCheck as { unrecognised: string[] };
    const { unrecognised: after, ...resultRest } = o.resultCheck as { unrecognised: string[] };
    expect(resultRest).toEqual(sourceRest);
    expect(after).toEqual([...before, 'QMS Readiness']);
  });
});

describe('write-back.upgrade: qms upgrade (capa-log@1 → a made-up @2) on every corpus file', () => {
  it.each(fileCases)('%s', (file, entry: CorpusEntry) => {
    const o = upgrades.get(file)!;
    expect(o.err).toBe('');
    expect(o.code).toBe(0);
    // Owned: the CAPA Log sheet, its rels and tables, the content types and the custom properties (the version).
    const capa = sheetParts(o.source, 'CAPA Log');
    const owned = new Set(['[Content_Types].xml', 'docProps/custom.xml', capa.part, capa.rels, ...capa.tables]);
    // The marker's value lives in a small part of its own (a CAPA Log marker names only that sheet's).
    const isMarker = (n: string) => /customPropert[\w-]*\.bin$/.test(n);
    expect(changedParts(o).filter((n) => !owned.has(n) && !isMarker(n))).toEqual([]);
    expect(changedParts(o)).toContain(capa.part);
    // Added: at most the sheet's marker part (and its rels when the sheet had none).
    for (const name of [...o.result.keys()].filter((n) => !o.source.has(n)))
      expect(name).toMatch(/customPropert[\w-]*\.bin$|^xl\/worksheets\/_rels\/[\w-]+\.xml\.rels$/);
    expect(o.resultInput.sheets.map((s) => s.name)).toEqual(entry.sheets);
    expect(o.resultInput.templates).toMatchObject({ 'capa-log': 2 });
    expect(o.resultInput.sheets.find((s) => s.name === 'CAPA Log')?.marker).toBe('capa-log@2:CAPA Log');
    // LibreOffice opens the copy, and its CAPA Log has the new column.
    expect(libreOffice).toContain(`up/${stem(file)}-CAPA Log.csv`);
    // Same records, each with the new field's default (so a new content hash); the same issues.
    const withoutNew = (records: QmsRecord[]) =>
      records.map(({ hash: _hash, ...r }) => ({ ...r, data: { ...r.data, customerInformed: 0 } }));
    expect(withoutNew(o.resultRecords)).toEqual(withoutNew(o.sourceRecords));
    for (const r of o.resultRecords.filter((x) => x.type === 'capa')) expect(r.data.customerInformed).toBe(false);
    expect(o.resultRecords.filter((r) => r.type === 'capa')).toHaveLength(entry.records);
    expect((o.resultCheck as { issues: unknown }).issues).toEqual((o.sourceCheck as { issues: unknown }).issues);
  });
});

describe('write-back.survives: what neither command owns comes through both', () => {
  const byFeature = (feature: string) => manifest.filter((e) => e.features.includes(feature as never));
  const kept = (feature: string, pattern: RegExp) => {
    const files = byFeature(feature);
    expect(files.length).toBeGreaterThan(0);
    for (const e of files)
      for (const o of [summaries.get(e.file)!, upgrades.get(e.file)!]) {
        const names = [...o.source.keys()].filter((n) => pattern.test(n));
        expect(names.length, `${e.file}: ${feature} parts`).toBeGreaterThan(0);
        for (const n of names) expect(same(o.source.get(n), o.result.get(n)), `${e.file}: ${n}`).toBe(true);
      }
  };
  it('a chart', () => kept('chart', /^xl\/charts\/chart\d+\.xml$/));
  it('a pivot table and its cache', () => kept('pivot', /^xl\/pivot(?:Tables|Cache)\//));
  it('a comment (and a threaded comment)', () => kept('comments', /comments?\d*\.xml$|threadedComment/));
  it('a VBA project', () => kept('vba', /vbaProject\.bin$/));
  it('a slicer, an external link, custom XML and a picture', () => {
    kept('slicer', /^xl\/slicer/);
    kept('external-link', /^xl\/externalLinks\//);
    kept('custom-xml', /^customXml\//);
    kept('image', /^xl\/media\//);
  });
  it('an x14 cross-sheet list validation, even in the sheet the upgrade rewrites', () => {
    for (const e of byFeature('x14-validation')) {
      const capa = sheetParts(upgrades.get(e.file)!.source, 'CAPA Log');
      for (const o of [summaries.get(e.file)!, upgrades.get(e.file)!]) {
        const ext = /<x14:dataValidations\b[\s\S]*?<\/x14:dataValidations>/.exec(text(o.source, capa.part))?.[0];
        expect(ext, e.file).toContain('Lists!$A$1:$A$3');
        expect(text(o.result, capa.part)).toContain(ext);
      }
    }
  });
  it('an .xlsm stays macro-enabled', () => {
    for (const e of byFeature('vba'))
      for (const o of [summaries.get(e.file)!, upgrades.get(e.file)!])
        expect(text(o.result, '[Content_Types].xml')).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
  });
  it('the upgraded CAPA Log gains the new column header', () => {
    const header = CAPA_V2_HEADER;
    for (const e of manifest) {
      const sheet = upgrades.get(e.file)!.resultInput.sheets.find((s) => s.name === 'CAPA Log')!;
      expect(
        sheet.values.some((row) => row.includes(header)),
        e.file,
      ).toBe(true);
    }
  });
});

const CAPA_V2_HEADER = 'Customer informed';
