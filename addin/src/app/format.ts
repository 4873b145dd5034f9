/**
 * Numbers, percentages, dates and money written the way Office's display language writes them (Office reports
 * it as `Office.context.displayLanguage`, e.g. "de-DE"), so "79,5 %" never sits beside "8.965 EUR" in another
 * convention. One object per language, built once.
 */
export interface Formats {
  readonly locale: string;
  /** A count or amount: "1,234" / "1.234". */
  number(n: number, fractionDigits?: number): string;
  /** `n` is already a percentage (0–100): "79.5%" / "79,5 %" (one decimal unless `fractionDigits` says). */
  percent(n: number, fractionDigits?: number): string;
  /** An ISO date (YYYY-MM-DD) as a short local date: "Mar 31, 2026" / "31.03.2026". Anything else as given. */
  date(iso: string): string;
  /** Whole units of `currency` (ISO 4217): "€8,965" / "8.965 €"; an unknown code is written after the number. */
  money(n: number, currency: string): string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function supported(locale: string | undefined): string {
  if (locale) {
    try {
      return Intl.NumberFormat.supportedLocalesOf([locale])[0] ?? 'en-US';
    } catch {
      // A malformed tag: fall through to the default.
    }
  }
  return 'en-US';
}

const cache = new Map<string, Formats>();

export function formatsFor(language: string | undefined): Formats {
  const locale = supported(language);
  const known = cache.get(locale);
  if (known) return known;
  const percents = new Map<number, Intl.NumberFormat>();
  // Dates are calendar days, not instants: formatted in UTC so no time zone moves them by a day.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const numbers = new Map<number, Intl.NumberFormat>();
  const moneys = new Map<string, Intl.NumberFormat | undefined>();
  const formats: Formats = {
    locale,
    number(n, fractionDigits = 0) {
      let f = numbers.get(fractionDigits);
      if (!f) {
        f = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits });
        numbers.set(fractionDigits, f);
      }
      return f.format(n);
    },
    percent(n, fractionDigits = 1) {
      let f = percents.get(fractionDigits);
      if (!f) {
        f = new Intl.NumberFormat(locale, {
          style: 'percent',
          minimumFractionDigits: fractionDigits,
          maximumFractionDigits: fractionDigits,
        });
        percents.set(fractionDigits, f);
      }
      return f.format(n / 100);
    },
    date(iso) {
      const m = ISO_DATE.exec(iso);
      if (!m) return iso;
      return date.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
    },
    money(n, currency) {
      if (!moneys.has(currency)) {
        let f: Intl.NumberFormat | undefined;
        try {
          f = new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            maximumFractionDigits: 0,
            minimumFractionDigits: 0,
          });
        } catch {
          f = undefined;
        }
        moneys.set(currency, f);
      }
      const f = moneys.get(currency);
      return f ? f.format(Math.round(n)) : `${formats.number(Math.round(n))} ${currency}`;
    },
  };
  cache.set(locale, formats);
  return formats;
}
