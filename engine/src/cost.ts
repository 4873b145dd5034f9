import { figure, round2, type Figure, type FigureInput } from './figure.js';
import { PLACEHOLDER_RATE_SOURCE, type Settings } from './settings.js';
import type { AuditDays, Cost, CostLine, Range, RateUsed } from './types.js';

export interface CostProfile {
  currency?: string;
  cbDayRate?: number;
  travelPerAuditDay?: number;
  consultantDayRate?: number;
  consultantInvolvement?: 'None' | 'Light' | 'Full';
  internalHourlyCost?: number;
}

/** The chosen body's own rates (CB Comparison sheet), which win over the profile's (R-COST-8). */
export interface ChosenBodyRates {
  certificationBody: string;
  dayRate?: number;
  travelPerDay?: number;
  currency?: string;
}

const TRAVEL_DEFAULT_SOURCE = 'no travel cost unless the profile gives one (travel is not audit time)';

/** R-COST-1 … R-COST-7 (engine/src/SPEC.md). Rates the profile gives always win over defaults. */
export function costOf(
  profile: CostProfile | undefined,
  days: AuditDays,
  remainingEffortDays: number,
  settings: Settings,
  chosenBody?: ChosenBodyRates,
): Cost {
  const currency = profile?.currency ?? 'EUR';
  const defaults = settings.defaultRates[currency];
  // R-COST-8: a chosen body's rates are used when its quote is in the cost's currency (or names none); rates in
  // another currency are not converted, and the lines say so.
  const bodyUsable =
    chosenBody !== undefined && (chosenBody.currency === undefined || chosenBody.currency === currency);
  const body = bodyUsable ? chosenBody : undefined;
  const rate = (
    name: RateUsed['name'],
    given: number | undefined,
    fallback: number | undefined,
    source: string,
  ): RateUsed =>
    given !== undefined
      ? { name, value: given, defaulted: false }
      : fallback !== undefined
        ? { name, value: fallback, defaulted: true, source }
        : { name, value: null, defaulted: true };
  const cb = rate('cbDayRate', body?.dayRate ?? profile?.cbDayRate, defaults?.cbDayRate, defaults?.source ?? '');
  const travel = rate(
    'travelPerAuditDay',
    body?.travelPerDay ?? profile?.travelPerAuditDay,
    defaults?.travelPerAuditDay ?? 0,
    TRAVEL_DEFAULT_SOURCE,
  );
  const from = (fromBody: number | undefined, fromProfile: number | undefined): NonNullable<RateUsed['from']> =>
    fromBody !== undefined ? 'chosen body' : fromProfile !== undefined ? 'profile' : 'default';
  const bodyInputs: Record<string, FigureInput> = {};
  if (chosenBody !== undefined) {
    cb.from = from(body?.dayRate, profile?.cbDayRate);
    travel.from = from(body?.travelPerDay, profile?.travelPerAuditDay);
    bodyInputs.chosenBody = chosenBody.certificationBody;
    bodyInputs.dayRateFrom = cb.from;
    bodyInputs.travelFrom = travel.from;
    if (!bodyUsable)
      bodyInputs.chosenBodyRatesNotUsed = `the chosen body quotes in ${chosenBody.currency ?? ''}, the cost is in ${currency}`;
  }
  const consultant = rate(
    'consultantDayRate',
    profile?.consultantDayRate,
    defaults?.consultantDayRate,
    PLACEHOLDER_RATE_SOURCE,
  );
  const internal = rate(
    'internalHourlyCost',
    profile?.internalHourlyCost,
    defaults?.internalHourlyCost,
    PLACEHOLDER_RATE_SOURCE,
  );
  const band = (...used: RateUsed[]) =>
    used.some((r) => r.defaulted) ? settings.defaultedRateBand : settings.userRateBand;
  const missing = (r: RateUsed) => `no ${r.name} for ${currency}: enter it in the QMS Profile (or pass it as a flag)`;

  const range = (likely: number, b: number): Range => ({
    low: round2(likely * (1 - b)),
    likely: round2(likely),
    high: round2(likely * (1 + b)),
  });

  const cbLine = (id: CostLine['id'], label: string, auditDays: number): CostLine => {
    const inputs = {
      auditDays,
      dayRate: cb.value,
      dayRateBand: band(cb),
      travelPerAuditDay: travel.value,
      travelBand: band(travel),
      currency,
      ...bodyInputs,
    };
    if (cb.value === null)
      return { id, label, amount: figure<Range | null>(null, 'R-COST-1', { ...inputs, missing: missing(cb) }, true) };
    // Each rate keeps its own band, so a defaulted travel figure of 0 does not widen a user-given day rate.
    const fee = range(auditDays * cb.value, band(cb));
    const trip = range(auditDays * (travel.value ?? 0), band(travel));
    const value: Range = {
      low: round2(fee.low + trip.low),
      likely: round2(fee.likely + trip.likely),
      high: round2(fee.high + trip.high),
    };
    return {
      id,
      label,
      amount: figure<Range | null>(
        value,
        'R-COST-1',
        inputs,
        cb.defaulted || (travel.defaulted && (travel.value ?? 0) > 0),
      ),
    };
  };

  const involvement = profile?.consultantInvolvement ?? 'None';
  const consultantDays = remainingEffortDays * settings.consultantShare[involvement];
  const consultantInputs = {
    remainingEffortDays,
    involvement,
    share: settings.consultantShare[involvement],
    consultantDays: round2(consultantDays),
    dayRate: consultant.value,
    band: band(consultant),
  };
  const consultantLine: CostLine =
    consultantDays === 0
      ? {
          id: 'consultant',
          label: 'Consultant',
          amount: figure<Range | null>(
            range(0, 0),
            'R-COST-4',
            consultantInputs,
            profile?.consultantInvolvement === undefined,
          ),
        }
      : consultant.value === null
        ? {
            id: 'consultant',
            label: 'Consultant',
            amount: figure<Range | null>(null, 'R-COST-4', { ...consultantInputs, missing: missing(consultant) }, true),
          }
        : {
            id: 'consultant',
            label: 'Consultant',
            amount: figure<Range | null>(
              range(consultantDays * consultant.value, band(consultant)),
              'R-COST-4',
              consultantInputs,
              consultant.defaulted || profile?.consultantInvolvement === undefined,
            ),
          };

  const internalHours = remainingEffortDays * settings.hoursPerDay;
  const internalInputs = {
    remainingEffortDays,
    hoursPerDay: settings.hoursPerDay,
    hourlyCost: internal.value,
    band: band(internal),
  };
  const internalLine: CostLine =
    internal.value === null
      ? {
          id: 'internal',
          label: 'Internal time',
          amount: figure<Range | null>(null, 'R-COST-5', { ...internalInputs, missing: missing(internal) }, true),
        }
      : {
          id: 'internal',
          label: 'Internal time',
          amount: figure<Range | null>(
            range(internalHours * internal.value, band(internal)),
            'R-COST-5',
            internalInputs,
            internal.defaulted,
          ),
        };

  const lines: CostLine[] = [
    cbLine('cb-initial', 'Certification body: initial audit (Stage 1 + Stage 2)', days.initial.value),
    cbLine('cb-surveillance-1', 'Certification body: surveillance, year 1', days.surveillance.value),
    cbLine('cb-surveillance-2', 'Certification body: surveillance, year 2', days.surveillance.value),
    cbLine('cb-recertification', 'Certification body: recertification, year 3', days.recertification.value),
    consultantLine,
    internalLine,
  ];
  // The consultant rate is listed only when it is used (involvement other than None).
  const rates = consultantDays > 0 ? [cb, travel, consultant, internal] : [cb, travel, internal];
  return { currency, rates, lines, threeYearTotal: total(lines) };
}

/** R-COST-7: the 3-year total is the sum of every line's low, likely and high (unknown when a line is). */
function total(lines: readonly CostLine[]): Figure<Range | null> {
  const unknown = lines.filter((l) => l.amount.value === null).map((l) => l.id);
  const defaulted = lines.some((l) => l.amount.defaulted === true);
  if (unknown.length > 0) return figure<Range | null>(null, 'R-COST-7', { unknownLines: unknown }, defaulted);
  const sum = (k: keyof Range) => round2(lines.reduce((a, l) => a + (l.amount.value as Range)[k], 0));
  return figure<Range | null>(
    { low: sum('low'), likely: sum('likely'), high: sum('high') },
    'R-COST-7',
    { lines: lines.map((l) => l.id) },
    defaulted,
  );
}
