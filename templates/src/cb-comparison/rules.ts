import { appendAll } from '../core/arrays.js';
import { describeCell } from '../core/cells.js';
import { hasErrors } from '../core/issues.js';
import { checkIdCharacters, num, requireUnique, rowsToRecords, str, valuesOf } from '../core/rules-kit.js';
import type { TableSheetSpec } from '../core/spec.js';
import type { TableRead, TypedRow } from '../core/table.js';
import { emptyResult, type ParseContext, type SheetReads, type TemplateResult } from '../core/template.js';
import { isCurrencyCode } from '../qms-profile/currencies.js';
import { cbComparisonSpec, CB_SHEET } from './spec.js';

const sheetSpec = cbComparisonSpec.sheets[0] as TableSheetSpec;

/** cb.total-consistent: a quoted total may differ from days × (rate + travel) by this share before it is flagged. */
export const QUOTE_TOLERANCE = 0.01;

/** What a quote's total should be from its own figures: days × day rate + days × travel per day. */
export function quotedTotalExpected(days: number, dayRate: number, travelPerDay: number | undefined): number {
  return days * dayRate + days * (travelPerDay ?? 0);
}

/**
 * Certification Body Comparison rules (docs/architecture.md, Templates and records). The body's name is the row's
 * key; numbers and Yes/No cells are checked by the spec through the generic reader. The check of quoted days against
 * IAF MD 5 needs the QMS Profile (personnel, sites), which these rules do not see: the engine makes it (R-CB-MD5).
 * Rule ids in comments match the test names.
 */
export function cbComparisonRules(reads: SheetReads, context: ParseContext): TemplateResult {
  const read = reads[CB_SHEET] as TableRead | undefined;
  const result = emptyResult(cbComparisonSpec);
  if (!read) return result;
  appendAll(result.issues, read.issues);
  if (hasErrors(read.issues)) return result;

  let firstChosen: TypedRow | undefined;
  for (const row of read.rows) {
    checkIdCharacters(row, 'certificationBody', 'Certification body');
    checkCurrency(row);
    const checked = str(row, 'accreditationCheckedOn');
    // cb.checked-not-future
    if (checked !== undefined && checked > context.asOf) {
      row.issue(
        'error',
        'cb.checked-not-future',
        'accreditationCheckedOn',
        `Accreditation checked on ${checked} is after the as-of date ${context.asOf}; enter the day you looked the accreditation up`,
      );
    }
    // cb.impartiality: ISO/IEC 17021-1 — a body may not certify a management system it helped build.
    if (row.values.consultancyToUs === true) {
      row.issue(
        'error',
        'cb.impartiality',
        'consultancyToUs',
        'This body also provides consultancy to us, so it may not certify our QMS (ISO/IEC 17021-1 impartiality); choose another body, or set No if the consultancy came from an unrelated firm',
      );
    }
    if (row.values.chosen === true) {
      // cb.one-chosen
      if (firstChosen !== undefined) {
        row.issue(
          'error',
          'cb.one-chosen',
          'chosen',
          `Chosen is Yes here and on row ${firstChosen.row} (${str(firstChosen, 'certificationBody') ?? 'blank'}); choose one body and clear Chosen on the others`,
        );
      } else {
        firstChosen = row;
      }
      // cb.chosen-not-accredited
      if (row.values.accreditedForScope !== true) {
        row.issue(
          'warning',
          'cb.chosen-not-accredited',
          'accreditedForScope',
          `The chosen body is ${row.values.accreditedForScope === false ? 'not accredited' : 'not shown as accredited'} for our scope; an unaccredited certificate is often refused by customers: check the accreditation body's register and set Yes, or choose an accredited body`,
        );
      }
    }
    totalRule(row);
  }
  // cb.body-unique
  requireUnique(
    read.rows,
    (r) => str(r, 'certificationBody'),
    'certificationBody',
    'cb.body-unique',
    'Certification body',
  );

  const out = rowsToRecords(
    read.rows,
    'cb-quote',
    (r) => str(r, 'certificationBody') ?? '',
    (r) => valuesOf(r, sheetSpec.columns),
  );
  appendAll(result.records, out.records);
  appendAll(result.issues, out.issues);
  return result;
}

/** cb.total-consistent: the quoted total against days × rate + travel, when all three are given. */
function totalRule(row: TypedRow): void {
  const days = num(row, 'quotedAuditDays');
  const rate = num(row, 'dayRate');
  const total = num(row, 'quotedTotal');
  if (days === undefined || rate === undefined || total === undefined) return;
  const travel = num(row, 'travelPerDay');
  const expected = quotedTotalExpected(days, rate, travel);
  const differs = expected === 0 ? total !== 0 : Math.abs(total - expected) > QUOTE_TOLERANCE * expected;
  if (!differs) return;
  row.issue(
    'warning',
    'cb.total-consistent',
    'quotedTotal',
    `Quoted total ${total} differs by more than 1 % from ${days} days × (${rate} day rate + ${travel ?? 0} travel) = ${round2(expected)}; ask the body what else the total holds (fees, Stage 1 off site, travel days), or correct a figure`,
  );
}

// cb.currency-code: a three-letter ISO 4217 code; lower case is accepted and stored upper case.
function checkCurrency(row: TypedRow): void {
  const typed = str(row, 'currency');
  if (typed === undefined) return;
  const code = typed.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(code) && isCurrencyCode(code)) {
    row.values.currency = code;
    return;
  }
  const shown = describeCell(row.cells.currency ?? { kind: 'text', value: typed });
  row.issue(
    'error',
    'cb.currency-code',
    'currency',
    `Currency ${shown} is not an ISO 4217 currency code; type a code such as EUR, GBP or USD`,
  );
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
