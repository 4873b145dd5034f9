import type { CbQuote } from '@qms/templates';
import { md5MinimumDays } from './audit-days.js';
import { figure } from './figure.js';
import type { Settings } from './settings.js';
import type { AuditDays, CertificationBodies, Profile, QuoteComparison } from './types.js';

export type QuoteInput = { data: CbQuote; source: { sheet: string; row: number } };

/** R-CB-1: the quote marked Chosen (the validator refuses a second one; the first counts if records say otherwise). */
export function chosenQuote(quotes: readonly QuoteInput[]): QuoteInput | undefined {
  return quotes.find((q) => q.data.chosen === true);
}

/**
 * R-CB-1 and R-CB-MD5: the quotes of the CB Comparison sheet side by side with the MD 5 estimate and minimum for the
 * profile. A quote whose initial days fall below the minimum says to ask which reductions it assumes.
 */
export function compareQuotes(
  quotes: readonly QuoteInput[],
  profile: Profile | undefined,
  days: AuditDays | undefined,
  settings: Settings,
): CertificationBodies {
  const minimum = profile ? md5MinimumDays(profile, settings) : null;
  const chosen = chosenQuote(quotes);
  return {
    quotes: quotes.map((q) => judge(q, minimum?.value ?? null)),
    chosen: figure(chosen?.data.certificationBody ?? null, 'R-CB-1', {
      quotesCompared: quotes.length,
      markedChosen: quotes.filter((q) => q.data.chosen === true).map((q) => q.data.certificationBody),
    }),
    md5Minimum: minimum,
    md5Estimate: days?.initial ?? null,
  };
}

function judge(q: QuoteInput, minimum: number | null): QuoteComparison {
  const d = q.data;
  const days = d.quotedAuditDays ?? null;
  const below = days === null || minimum === null ? null : days < minimum;
  const warnings: string[] = [];
  if (below === true)
    warnings.push(
      `quote below MD 5, ask what reductions it assumes: ${days ?? ''} days quoted, MD 5 allows no fewer than ${minimum ?? ''} for our personnel and sites`,
    );
  if (d.chosen === true && d.accreditedForScope !== true)
    warnings.push('chosen but not shown as accredited for our scope');
  if (d.consultancyToUs === true)
    warnings.push('also provides consultancy to us: may not certify our QMS (ISO/IEC 17021-1 impartiality)');
  return {
    certificationBody: d.certificationBody,
    source: q.source,
    accreditationBody: d.accreditationBody ?? null,
    accreditedForScope: d.accreditedForScope ?? null,
    consultancyToUs: d.consultancyToUs === true,
    chosen: d.chosen === true,
    quotedAuditDays: days,
    dayRate: d.dayRate ?? null,
    travelPerDay: d.travelPerDay ?? null,
    quotedTotal: d.quotedTotal ?? null,
    currency: d.currency ?? null,
    leadTimeWeeks: d.leadTimeWeeks ?? null,
    belowMd5Minimum: figure(below, 'R-CB-MD5', { quotedAuditDays: days, md5Minimum: minimum }),
    warnings,
  };
}
