/**
 * Parse + validate budget (docs/architecture.md, Budgets): 10,000 CAPA rows in ≤ 100 ms, and ≤ 3 × the cost of
 * JSON.parse(JSON.stringify(grid)) of the same grid. Both are measured side by side in this one run.
 *   npx tsc -b && node --import tsx bench/parse.bench.ts   (measures the built code in templates/dist)
 */
import { performance } from 'node:perf_hooks';
import {
  CAPA_SHEET,
  capaLogSpec,
  contentHash,
  isoToSerial,
  readTable,
  validateWorkbook,
  type TableSheetSpec,
} from '@qms/templates';

const ROWS = 10_000;
const WARM_UP = 5;
const RUNS = 21;
const AS_OF = '2026-06-30';
const BUDGET_MS = 100;
const BUDGET_RATIO = 3;

const SOURCES = ['Internal audit', 'Customer complaint', 'Supplier', 'Process monitoring'];
const SEVERITIES = ['Major', 'Minor', 'Observation'];
const CLAUSES = ['8.5.1', '7.2', '9.2', '10.2', ''];

/** A CAPA Log as Office.js would hand it over: title rows, the header, then rows with serial dates. */
function capaGrid(rows: number): unknown[][] {
  const columns = (capaLogSpec.sheets[0] as TableSheetSpec).columns;
  const grid: unknown[][] = [
    ['Acme Ltd'],
    ['CAPA Log'],
    ['One row per nonconformity'],
    [],
    columns.map((c) => c.header),
  ];
  const opened = isoToSerial('2026-01-05');
  for (let i = 0; i < rows; i++) {
    const closed = i % 3 === 0;
    const row: Record<string, unknown> = {
      capaId: `CAPA-${String(i + 1).padStart(5, '0')}`,
      dateOpened: opened + (i % 150),
      source: SOURCES[i % SOURCES.length],
      clause: CLAUSES[i % CLAUSES.length],
      severity: SEVERITIES[i % SEVERITIES.length],
      description: `Nonconformity ${i + 1}: label does not match the order on batch ${i % 97}`,
      containment: 'Batch quarantined and relabelled',
      rootCause: closed ? 'Label template not controlled' : '',
      rootCauseMethod: closed ? '5 Whys' : '',
      correctiveAction: closed ? 'Template under document control' : '',
      owner: `Owner ${i % 12}`,
      dueDate: opened + (i % 150) + 60,
      status: closed ? 'Closed' : i % 3 === 1 ? 'Open' : 'In progress',
      dateClosed: closed ? opened + (i % 150) + 30 : '',
      effectiveness: closed ? 'Effective' : '',
      verifiedBy: closed ? 'QM' : '',
      verificationDate: closed ? opened + (i % 150) + 45 : '',
    };
    grid.push(columns.map((c) => row[c.key] ?? ''));
  }
  return grid;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const grid = capaGrid(ROWS);
const parse = () => validateWorkbook({ sheets: [{ name: CAPA_SHEET, values: grid }] }, { asOf: AS_OF });
const jsonRoundTrip = () => JSON.parse(JSON.stringify(grid)) as unknown;

const check = parse();
// Where the time goes, measured the same way: the generic table read (cells → typed rows) and record hashing.
const readOnly = () =>
  readTable({ name: CAPA_SHEET, values: grid }, capaLogSpec.sheets[0] as TableSheetSpec, { date1904: false });
const hashOnly = () => check.records.map((r) => contentHash(r.data));
if (check.records.length === 0)
  throw new Error('the benchmark grid produced no records; the bench is measuring the wrong thing');

for (let i = 0; i < WARM_UP; i++) {
  parse();
  jsonRoundTrip();
}
const parseTimes: number[] = [];
const jsonTimes: number[] = [];
const readTimes: number[] = [];
const hashTimes: number[] = [];
// Interleaved, so drift (GC, CPU frequency, the other engineers' jobs) hits both sides alike.
for (let i = 0; i < RUNS; i++) {
  parseTimes.push(time(parse));
  jsonTimes.push(time(jsonRoundTrip));
  readTimes.push(time(readOnly));
  hashTimes.push(time(hashOnly));
}
const parseMs = median(parseTimes);
const jsonMs = median(jsonTimes);
const ratio = parseMs / jsonMs;
const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');

const errors = check.issues.filter((i) => i.severity === 'error').length;
console.log(
  `parse.bench: ${ROWS} CAPA rows x ${grid[4]?.length ?? 0} columns; ${check.records.length} records, ${errors} errors, ${check.issues.length - errors} warnings; median of ${RUNS} runs after ${WARM_UP} warm-ups`,
);
console.log(
  `parse+validate (validateWorkbook)  ${parseMs.toFixed(1)} ms  (budget <= ${BUDGET_MS} ms: ${verdict(parseMs <= BUDGET_MS)})`,
);
console.log(`JSON.parse(JSON.stringify(grid))   ${jsonMs.toFixed(1)} ms`);
console.log(
  `  measured alone: readTable (cells to typed rows) ${median(readTimes).toFixed(1)} ms, contentHash of every record ${median(hashTimes).toFixed(1)} ms`,
);
console.log(
  `ratio parse / JSON round trip      ${ratio.toFixed(2)} x  (budget <= ${BUDGET_RATIO} x: ${verdict(ratio <= BUDGET_RATIO)})`,
);

// A sheet of 300,000 rows (no budget: it shows the validator scales linearly and never overflows the stack).
const BIG_ROWS = 300_000;
const big = capaGrid(BIG_ROWS);
const bigJson = time(() => JSON.parse(JSON.stringify(big)) as unknown);
let bigRecords = 0;
const bigMs = time(() => {
  bigRecords = validateWorkbook({ sheets: [{ name: CAPA_SHEET, values: big }] }, { asOf: AS_OF }).records.length;
});
console.log(
  `big sheet: ${BIG_ROWS.toLocaleString('en')} CAPA rows parse+validate ${bigMs.toFixed(0)} ms (${bigRecords.toLocaleString('en')} records), JSON round trip ${bigJson.toFixed(0)} ms, ratio ${(bigMs / bigJson).toFixed(2)} x`,
);
