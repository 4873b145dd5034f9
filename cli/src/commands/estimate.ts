import { parseArgs } from 'node:util';
import { estimate as estimateProfile, type EstimateProfile } from '@qms/engine';
import { isCurrencyCode } from '@qms/templates';
import { EXIT, type Io } from '../io.js';
import { formatEstimate } from '../summary/format.js';

const USAGE =
  'Usage: qms estimate --personnel N [--sites N] [--risk high|medium|low] [--day-rate X] [--currency CODE] [--json]\n';
const RISKS = { high: 'High', medium: 'Medium', low: 'Low' } as const;

type Parsed = { ok: true; profile: EstimateProfile; json: boolean } | { ok: false; reason: string };

function readFlags(args: string[]): Parsed | { ok: 'help' } {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      allowPositionals: false,
      options: {
        personnel: { type: 'string' },
        sites: { type: 'string' },
        risk: { type: 'string' },
        'day-rate': { type: 'string' },
        currency: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: 'help' };
  const integer = (flag: string, text: string | undefined): number | string => {
    const n = Number(text);
    return text !== undefined && /^\s*\d+\s*$/.test(text) && n >= 1
      ? n
      : `--${flag} "${text ?? ''}" must be a whole number of at least 1, e.g. --${flag} 40`;
  };
  if (values.personnel === undefined)
    return {
      ok: false,
      reason:
        '--personnel is required: the effective personnel in scope (all shifts, part-time as FTE), e.g. --personnel 40',
    };
  const personnel = integer('personnel', values.personnel);
  if (typeof personnel === 'string') return { ok: false, reason: personnel };
  const profile: EstimateProfile = { effectivePersonnel: personnel };
  if (values.sites !== undefined) {
    const sites = integer('sites', values.sites);
    if (typeof sites === 'string') return { ok: false, reason: sites };
    profile.sitesInScope = sites;
  }
  if (values.risk !== undefined) {
    const risk = RISKS[values.risk.trim().toLowerCase() as keyof typeof RISKS] as EstimateProfile['riskCategory'];
    if (!risk) return { ok: false, reason: `--risk "${values.risk}" must be high, medium or low` };
    profile.riskCategory = risk;
  }
  if (values['day-rate'] !== undefined) {
    const rate = Number(values['day-rate']);
    if (values['day-rate'].trim() === '' || !Number.isFinite(rate) || rate < 0)
      return {
        ok: false,
        reason: `--day-rate "${values['day-rate']}" must be a number of 0 or more (the certification body's day rate), e.g. --day-rate 1200`,
      };
    profile.cbDayRate = rate;
  }
  if (values.currency !== undefined) {
    const code = values.currency.trim().toUpperCase();
    if (!isCurrencyCode(code))
      return {
        ok: false,
        reason: `--currency "${values.currency}" is not an ISO 4217 currency code; use one such as EUR, GBP, USD`,
      };
    profile.currency = code;
  }
  return { ok: true, profile, json: values.json };
}

/** `qms estimate`: audit days (IAF MD 5 / MD 1) and the 3-year cost from a few facts about the organisation. */
export function estimate(args: string[], io: Io): Promise<number> {
  const flags = readFlags(args);
  if (flags.ok === 'help') {
    io.stdout(USAGE);
    return Promise.resolve(EXIT.ok);
  }
  if (!flags.ok) {
    io.stderr(`qms estimate: ${flags.reason}\n${USAGE}`);
    return Promise.resolve(EXIT.unusable);
  }
  const result = estimateProfile(flags.profile);
  io.stdout(flags.json ? `${JSON.stringify({ input: flags.profile, ...result }, null, 2)}\n` : formatEstimate(result));
  return Promise.resolve(EXIT.ok);
}
