/**
 * The content of the demo workbook: a fictional 40-person precision machining company on two sites, eleven months
 * into its ISO 9001 project. Pure: every date is derived from the as-of date, every "random" choice from a fixed
 * seed, so the same as-of date always gives the same rows and the demo never looks stale when regenerated.
 */
import { mulberry32 } from '@qms/engine';
import { CLAUSES, REVIEW_INPUTS, addDays, addMonths, type IsoDate } from '@qms/templates';

export type Cell = string | number | Date | null;
/** One table row by header text (the generator places it under the matching column). */
export type Row = Record<string, Cell>;

export interface DemoContent {
  profile: Record<string, Cell>;
  gaps: Row[];
  kpis: Row[];
  measurements: Row[];
  suppliers: Row[];
  capas: Row[];
  audits: Row[];
  reviews: Row[];
  quotes: Row[];
  documents: Row[];
  trainings: Row[];
}

export const DEFAULT_AS_OF: IsoDate = '2026-11-24';
export const ORGANIZATION = 'Kestrel Precision Components GmbH';

/** The engine's seeded generator (mulberry32): plausible spreads, and the seed never changes. */
const random = mulberry32;

/** Excel date cells: UTC midnight, so the serial is the calendar day wherever the generator runs. */
const day = (iso: IsoDate): Date => new Date(`${iso}T00:00:00Z`);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

const PEOPLE = [
  'M. Keller (QM)',
  'J. Novak (Production)',
  'S. Brandt (Purchasing)',
  'A. Yilmaz (Engineering)',
  'T. Lindqvist (Sales)',
  'R. Weber (Maintenance)',
  'L. Fischer (HR)',
];

function profile(asOf: IsoDate): Record<string, Cell> {
  return {
    'Organization name': ORGANIZATION,
    'Certification scope':
      'CNC turning and milling of precision metal components to customer drawings; deburring, surface finishing and assembly (sites Lindenau and Oberfeld)',
    'Sites in scope': 2,
    'Effective personnel': 40,
    'Risk category': 'Medium',
    Standard: 'ISO 9001:2015',
    'Project start': day(addMonths(asOf, -11)),
    'Target certification date': day(addMonths(asOf, 5)),
    'Certification body': 'Nordmark Cert GmbH (fictional)',
    Accredited: 'Yes',
    'CB day rate': 1450,
    Currency: 'EUR',
    'Travel per audit day': 180,
    'Consultant day rate': 950,
    'Consultant involvement': 'Light',
    'Internal hourly cost': 55,
    'Team capacity': 40,
    'Months of records before Stage 1': 3,
  };
}

/** Clause → [status, evidence, gap] for the clauses not simply Compliant; design is excluded (build to print). */
const GAP_STATES: Record<string, [string, string | null, string]> = {
  '4.1': [
    'Partially compliant',
    'Context review minutes 2026-03',
    'External issues listed, climate change consideration (Amd 1:2024) not yet assessed',
  ],
  '4.2': [
    'Partially compliant',
    'Interested parties register IP-01',
    'Requirements of the two key automotive customers not yet reviewed',
  ],
  '6.1': [
    'Partially compliant',
    'Risk register RR-01 (production only)',
    'Risks of purchasing and sales processes not assessed',
  ],
  '6.3': ['Partially compliant', null, 'Change planning informal; no record of the Oberfeld line move'],
  '7.1.6': ['Non-compliant', null, 'Machining know-how held by two senior setters; nothing captured'],
  '7.3': [
    'Partially compliant',
    'Toolbox talk sign-off sheets',
    'Oberfeld night shift not yet briefed on the quality policy',
  ],
  '7.4': ['Partially compliant', 'Communication matrix draft', 'Matrix not approved'],
  '8.5.5': [
    'Partially compliant',
    'Warranty procedure draft',
    'Post-delivery obligations of framework contracts not listed',
  ],
  '9.1.2': ['Partially compliant', 'Customer survey 2026-Q2 (12 replies)', 'Survey covers Lindenau customers only'],
  '9.1.3': ['Partially compliant', 'Monthly KPI review slides', 'Analysis of supplier data missing'],
  '10.3': ['Non-compliant', null, 'No improvement programme beyond CAPAs'],
};
const NOT_APPLICABLE_JUSTIFICATION =
  'Not applicable: all parts are made to customer drawings; the company does no product design (scope statement)';

function evidenceFor(clause: string, index: number): string {
  const doc = `${clause.startsWith('8') ? 'PR' : clause.startsWith('9') || clause.startsWith('10') ? 'MP' : 'QM'}-${String(10 + index).padStart(2, '0')}`;
  return `${doc} rev B, records in DMS folder ${clause}`;
}

function gaps(asOf: IsoDate, rand: () => number): Row[] {
  let partial = 0;
  return CLAUSES.map((c, i): Row => {
    const row: Row = { Clause: c.clause, Title: c.title };
    if (c.clause.startsWith('8.3.')) {
      return { ...row, Status: 'Not applicable', Gap: NOT_APPLICABLE_JUSTIFICATION, Owner: PEOPLE[0] ?? null };
    }
    const state = GAP_STATES[c.clause];
    if (!state)
      return {
        ...row,
        Status: 'Compliant',
        Evidence: evidenceFor(c.clause, i),
        Owner: PEOPLE[i % PEOPLE.length] ?? null,
      };
    partial += 1;
    const [status, evidence, gap] = state;
    // Two actions slipped past their target date (the check warns "overdue"); the rest are planned ahead.
    const target = partial <= 2 ? addDays(asOf, -10 - partial * 7) : addDays(asOf, 14 + partial * 9);
    return {
      ...row,
      Status: status,
      Evidence: evidence,
      Gap: gap,
      Action: `Close gap: ${gap.charAt(0).toLowerCase()}${gap.slice(1)}`,
      Owner: PEOPLE[(i + 1) % PEOPLE.length] ?? null,
      'Target date': day(target),
      Priority: status === 'Non-compliant' ? 'High' : partial % 3 === 0 ? 'Low' : 'Medium',
      'Effort (days)': status === 'Non-compliant' ? 3 + Math.floor(rand() * 2) : 0.5 + Math.floor(rand() * 3) / 2,
    };
  });
}

interface KpiDef {
  id: string;
  name: string;
  objective: string;
  clause: string;
  unit: string;
  higher: boolean;
  target: number;
  amber: number;
  owner: string;
  /** Value in the first of the nine months and in the last: a straight trend with noise in between. */
  first: number;
  last: number;
  noise: number;
  digits: number;
}

const KPIS: readonly KpiDef[] = [
  {
    id: 'KPI-01',
    name: 'On-time delivery',
    objective: 'Deliver 95 % of order lines on time',
    clause: '8.2.1',
    unit: '%',
    higher: true,
    target: 95,
    amber: 90,
    owner: 'T. Lindqvist',
    first: 88,
    last: 94.5,
    noise: 1.2,
    digits: 1,
  },
  {
    id: 'KPI-02',
    name: 'Customer complaints',
    objective: 'At most 2 complaints a month',
    clause: '9.1.2',
    unit: 'count',
    higher: false,
    target: 2,
    amber: 4,
    owner: 'T. Lindqvist',
    first: 6,
    last: 2,
    noise: 1,
    digits: 0,
  },
  {
    id: 'KPI-03',
    name: 'Internal scrap rate',
    objective: 'Scrap below 1.5 % of machined parts',
    clause: '8.7',
    unit: '%',
    higher: false,
    target: 1.5,
    amber: 2.5,
    owner: 'J. Novak',
    first: 3.1,
    last: 2.2,
    noise: 0.25,
    digits: 2,
  },
  {
    id: 'KPI-04',
    name: 'First-pass yield',
    objective: '97 % of lots pass first inspection',
    clause: '8.6',
    unit: '%',
    higher: true,
    target: 97,
    amber: 94,
    owner: 'J. Novak',
    first: 93,
    last: 97.4,
    noise: 0.6,
    digits: 1,
  },
  {
    id: 'KPI-05',
    name: 'Customer satisfaction',
    objective: 'Average rating of 8 out of 10',
    clause: '9.1.2',
    unit: 'score',
    higher: true,
    target: 8,
    amber: 7,
    owner: 'T. Lindqvist',
    first: 7.2,
    last: 7.9,
    noise: 0.2,
    digits: 1,
  },
  {
    id: 'KPI-06',
    name: 'Supplier on-time delivery',
    objective: 'Suppliers deliver 92 % on time',
    clause: '8.4.1',
    unit: '%',
    higher: true,
    target: 92,
    amber: 85,
    owner: 'S. Brandt',
    first: 86,
    last: 83,
    noise: 1.5,
    digits: 1,
  },
  {
    id: 'KPI-07',
    name: 'Supplier defects',
    objective: 'Incoming defects below 500 ppm',
    clause: '8.4.2',
    unit: 'ppm',
    higher: false,
    target: 500,
    amber: 1000,
    owner: 'S. Brandt',
    first: 1400,
    last: 620,
    noise: 80,
    digits: 0,
  },
  {
    id: 'KPI-08',
    name: 'Overall equipment effectiveness',
    objective: 'OEE of 80 % on the five-axis cells',
    clause: '7.1.3',
    unit: '%',
    higher: true,
    target: 80,
    amber: 72,
    owner: 'R. Weber',
    first: 71,
    last: 78,
    noise: 1.5,
    digits: 1,
  },
  {
    id: 'KPI-09',
    name: 'Calibration on schedule',
    objective: 'Every gauge calibrated when due',
    clause: '7.1.5.2',
    unit: '%',
    higher: true,
    target: 100,
    amber: 95,
    owner: 'M. Keller',
    first: 92,
    last: 100,
    noise: 0,
    digits: 0,
  },
  {
    id: 'KPI-10',
    name: 'Training plan completion',
    objective: 'Complete 90 % of planned training',
    clause: '7.2',
    unit: '%',
    higher: true,
    target: 90,
    amber: 80,
    owner: 'L. Fischer',
    first: 55,
    last: 88,
    noise: 2,
    digits: 0,
  },
  {
    id: 'KPI-11',
    name: 'CAPAs closed on time',
    objective: 'Close 85 % of CAPAs by their due date',
    clause: '10.2',
    unit: '%',
    higher: true,
    target: 85,
    amber: 70,
    owner: 'M. Keller',
    first: 60,
    last: 76,
    noise: 4,
    digits: 0,
  },
  {
    id: 'KPI-12',
    name: 'Rework hours',
    objective: 'Less than 40 rework hours a month',
    clause: '8.7',
    unit: 'h',
    higher: false,
    target: 40,
    amber: 60,
    owner: 'J. Novak',
    first: 75,
    last: 52,
    noise: 5,
    digits: 0,
  },
];
export const MEASURED_MONTHS = 9;

function kpis(asOf: IsoDate, rand: () => number): { kpis: Row[]; measurements: Row[] } {
  const definitions = KPIS.map((k): Row => ({
    'KPI ID': k.id,
    KPI: k.name,
    'Quality objective': k.objective,
    Clause: k.clause,
    Unit: k.unit,
    Direction: k.higher ? 'Higher is better' : 'Lower is better',
    Target: k.target,
    'Amber threshold': k.amber,
    Frequency: 'Monthly',
    Owner: k.owner,
  }));
  // The nine full months before the as-of month, oldest first.
  const months = Array.from({ length: MEASURED_MONTHS }, (_, i) => addMonths(asOf, i - MEASURED_MONTHS).slice(0, 7));
  const measurements: Row[] = [];
  for (const k of KPIS) {
    months.forEach((month, i) => {
      const trend = k.first + ((k.last - k.first) * i) / (MEASURED_MONTHS - 1);
      const noisy = trend + (i === MEASURED_MONTHS - 1 ? 0 : (rand() * 2 - 1) * k.noise);
      const value = Math.max(0, k.unit === '%' ? Math.min(100, round(noisy, k.digits)) : round(noisy, k.digits));
      const bad = k.higher ? value < k.amber : value > k.amber;
      measurements.push({
        'KPI ID': k.id,
        Period: month,
        Actual: value,
        Comment: bad ? 'Below threshold: discussed in the monthly KPI review' : null,
      });
    });
  }
  return { kpis: definitions, measurements };
}

const SUPPLIERS: readonly [string, string, 'Critical' | 'Major' | 'Minor'][] = [
  ['Rheinauer Stahlhandel', 'Bar stock, 42CrMo4 and stainless', 'Critical'],
  ['Alutec Profile', 'Aluminium bar and plate', 'Critical'],
  ['Eloxal Brenner', 'Anodising (outsourced process)', 'Critical'],
  ['Härterei Vogt', 'Heat treatment (outsourced process)', 'Critical'],
  ['MessKal Service', 'Gauge calibration (accredited lab)', 'Critical'],
  ['Galvano Süd', 'Zinc-nickel plating', 'Critical'],
  ['Sandvik-type Tooling Partner', 'Carbide inserts and end mills', 'Major'],
  ['Präzisa Werkzeugschleiferei', 'Tool regrinding', 'Major'],
  ['Kühlmittel Weiss', 'Coolants and lubricants', 'Major'],
  ['Normteile Express', 'Fasteners and dowel pins', 'Major'],
  ['Packwerk Ost', 'Returnable packaging, VCI bags', 'Major'],
  ['CNC Servicetechnik Kraus', 'Machine tool service', 'Major'],
  ['Lasergravur Meier', 'Part marking (outsourced)', 'Major'],
  ['Spedition Hansen', 'Freight to customers', 'Major'],
  ['Titanium Trade Europe', 'Titanium bar Grade 5', 'Major'],
  ['Büro Schmitt', 'Office supplies', 'Minor'],
  ['Werkschutz Nord', 'Site security', 'Minor'],
  ['CleanTeam Facility', 'Cleaning', 'Minor'],
  ['Arbeitskleidung Roth', 'Workwear', 'Minor'],
  ['IT-Systemhaus Berg', 'ERP hosting and support', 'Minor'],
  ['Druckluft Technik Lenz', 'Compressor maintenance', 'Minor'],
  ['Entsorgung Grün', 'Swarf and waste disposal', 'Minor'],
  ['Prüfmittel Online', 'Hand gauges, thread plugs', 'Minor'],
  ['Kantinen Service Alt', 'Canteen', 'Minor'],
  ['Schulungszentrum Dorn', 'Training courses', 'Minor'],
];

function suppliers(asOf: IsoDate, rand: () => number): Row[] {
  return SUPPLIERS.map(([name, products, criticality], i): Row => {
    // Critical suppliers were evaluated in the last year; three others are past their re-evaluation date.
    const overdue = i === 9 || i === 13 || i === 19;
    const monthsAgo =
      criticality === 'Critical'
        ? 2 + (i % 8)
        : overdue
          ? criticality === 'Major'
            ? 26
            : 38
          : 3 + Math.floor(rand() * 15);
    const evaluated = addMonths(asOf, -monthsAgo);
    const score = () => Math.min(5, 3 + Math.floor(rand() * 3));
    const status = i === 14 ? 'Conditional' : i === 21 ? 'Pending' : i === 11 ? 'Conditional' : 'Approved';
    const certified = criticality === 'Critical' || i === 6 || i === 14;
    // One certificate (a Major supplier's) lapsed last month: the check warns about it.
    const expiry = certified ? addMonths(asOf, i === 6 ? -1 : 4 + (i % 20)) : null;
    return {
      'Supplier ID': `SUP-${String(i + 1).padStart(3, '0')}`,
      Supplier: `${name} (fictional)`,
      'Products / services': products,
      Criticality: criticality,
      Quality: i === 14 ? 3 : score(),
      Delivery: i === 14 ? 2 : score(),
      Responsiveness: score(),
      Cost: score(),
      Certification: certified ? (i === 4 ? 'ISO/IEC 17025' : 'ISO 9001') : null,
      'Certificate expiry': expiry ? day(expiry) : null,
      'Evaluation date': day(evaluated),
      'Evaluated by': PEOPLE[2] ?? null,
      Status: status,
      Notes:
        i === 14
          ? 'Late deliveries in Q2; conditional approval until the next evaluation'
          : i === 21
            ? 'New waste contractor; first evaluation after three months'
            : null,
    };
  });
}

const CAPA_TOPICS: readonly [string, string, string][] = [
  ['8.5.1', 'Bore diameter out of tolerance on lot', 'Tool wear compensation not updated after insert change'],
  [
    '8.7',
    'Nonconforming parts not segregated in quarantine area',
    'Quarantine area not marked on the Oberfeld floor plan',
  ],
  ['7.1.5.1', 'Micrometer used past calibration due date', 'Calibration reminders not reaching shift leads'],
  [
    '8.4.2',
    'Incoming bar stock without material certificate',
    'Purchase order template missing certificate requirement',
  ],
  [
    '7.2',
    'Operator without documented qualification on five-axis cell',
    'Qualification matrix not updated after hiring',
  ],
  ['8.5.2', 'Lot number missing on shipping label', 'Label printer template changed without review'],
  [
    '8.2.1',
    'Customer drawing revision not confirmed before production',
    'Order review checklist skipped for repeat orders',
  ],
  ['7.5.3', 'Obsolete work instruction at machine 14', 'Document withdrawal not checked at the machine'],
  ['8.6', 'Final inspection record incomplete', 'Inspection sheet field for thread gauge missing'],
  ['8.5.4', 'Corrosion on stored stainless parts', 'VCI bags not used for parts stored over two weeks'],
];
const SOURCES = [
  'Internal audit',
  'Process monitoring',
  'Customer complaint',
  'Supplier',
  'Process monitoring',
  'Internal audit',
  'Customer complaint',
  'Other',
  'Process monitoring',
  'Management review',
];
export const CAPA_COUNT = 60;
const OVERDUE: readonly number[] = [47, 49, 51, 55];

function capas(asOf: IsoDate, rand: () => number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < CAPA_COUNT; i++) {
    const [clause, description, cause] = CAPA_TOPICS[i % CAPA_TOPICS.length] ?? CAPA_TOPICS[0]!;
    // Oldest first: opened from ten months ago up to last week.
    const opened = addDays(asOf, -300 + Math.floor((i * 293) / CAPA_COUNT) + Math.floor(rand() * 4));
    const severity = i % 10 === 3 && i < 50 ? 'Major' : i % 4 === 1 ? 'Observation' : 'Minor';
    // Four CAPAs still open got a tight due date they have missed: realistic, and the check warns about each.
    const due = addDays(opened, OVERDUE.includes(i) ? 21 : severity === 'Major' ? 30 : 60);
    // Older CAPAs are mostly closed; the last fifteen are still moving; a few are cancelled duplicates.
    const status =
      i === 17 || i === 41
        ? 'Cancelled'
        : i < 42
          ? 'Closed'
          : i < 46
            ? 'Awaiting verification'
            : i < 53
              ? 'In progress'
              : 'Open';
    const row: Row = {
      'CAPA ID': `CAPA-${String(i + 1).padStart(3, '0')}`,
      'Date opened': day(opened),
      Source: SOURCES[i % SOURCES.length] ?? 'Other',
      Clause: clause,
      Severity: severity,
      Description: `${description}${i >= CAPA_TOPICS.length ? ` (${1 + Math.floor(i / CAPA_TOPICS.length)}. occurrence)` : ''}`,
      Containment:
        severity === 'Observation' ? null : 'Affected stock sorted and quarantined; customer informed where shipped',
      Owner: PEOPLE[(i + 1) % PEOPLE.length] ?? null,
      'Due date': day(due),
      Status: status,
    };
    if (status === 'Closed' || status === 'Awaiting verification' || status === 'In progress') {
      row['Root cause'] = cause;
      row['Root cause method'] = i % 3 === 0 ? 'Fishbone' : i % 7 === 0 ? '8D' : '5 Whys';
      row['Corrective action'] =
        `Procedure and checklist updated; ${cause.split(' ')[0]?.toLowerCase() ?? ''} controls added and staff briefed`;
    }
    if (status === 'Closed') {
      const closed = addDays(opened, 18 + Math.floor(rand() * 30));
      row['Date closed'] = day(closed);
      row.Effectiveness = 'Effective';
      row['Verified by'] = PEOPLE[0] ?? null;
      row['Verification date'] = day(addDays(closed, 10));
    }
    if (status === 'Awaiting verification') {
      row.Effectiveness = 'Pending';
    }
    rows.push(row);
  }
  return rows;
}

function audits(asOf: IsoDate): Row[] {
  return [
    {
      'Event ID': 'IA-01',
      Type: 'Internal audit',
      'Scope / clauses': '8.4, 8.5, 8.6, 8.7',
      'Planned date': day(addDays(asOf, -160)),
      'Completed date': day(addDays(asOf, -158)),
      Lead: 'External auditor H. Berger (consultant)',
      'Major findings': 0,
      'Minor findings': 4,
      Observations: 3,
      'Report reference': 'IAR-01',
      Status: 'Completed',
    },
    {
      'Event ID': 'IA-02',
      Type: 'Internal audit',
      'Scope / clauses': 'all',
      'Planned date': day(addDays(asOf, -52)),
      'Completed date': day(addDays(asOf, -49)),
      Lead: 'H. Berger with M. Keller',
      'Major findings': 1,
      'Minor findings': 7,
      Observations: 5,
      'Report reference': 'IAR-02',
      Status: 'Completed',
    },
    {
      'Event ID': 'MR-01',
      Type: 'Management review',
      'Scope / clauses': '9.3',
      'Planned date': day(addDays(asOf, -22)),
      'Completed date': day(addDays(asOf, -21)),
      Lead: 'Managing director',
      'Major findings': null,
      'Minor findings': null,
      Observations: null,
      'Report reference': 'MR-minutes-01',
      Status: 'Completed',
    },
    {
      'Event ID': 'S1',
      Type: 'Stage 1 audit',
      'Scope / clauses': 'all',
      'Planned date': day(addDays(asOf, 70)),
      'Completed date': null,
      Lead: 'Nordmark Cert (fictional)',
      'Major findings': null,
      'Minor findings': null,
      Observations: null,
      'Report reference': null,
      Status: 'Planned',
    },
    {
      'Event ID': 'S2',
      Type: 'Stage 2 audit',
      'Scope / clauses': 'all',
      'Planned date': day(addDays(asOf, 120)),
      'Completed date': null,
      Lead: 'Nordmark Cert (fictional)',
      'Major findings': null,
      'Minor findings': null,
      Observations: null,
      'Report reference': null,
      Status: 'Planned',
    },
  ];
}

/**
 * Two management reviews: the first, early in the project, left supplier performance off the agenda (a warning the
 * check shows); the second, after the full internal audit, covered every 9.3.2 input. It is the Audit Programme's
 * MR-01, with the same date and minutes.
 */
function reviews(asOf: IsoDate): Row[] {
  const covered = (missing: readonly string[]): Row =>
    Object.fromEntries(REVIEW_INPUTS.map((i) => [i.name, missing.includes(i.name) ? 'No' : 'Yes']));
  return [
    {
      'Review ID': 'MR-00',
      Date: day(addDays(asOf, -175)),
      Status: 'Completed',
      Chair: 'Managing director',
      ...covered(['External providers']),
      Decisions: 'Quality objectives for the year set; CMM operator training funded; supplier evaluation to start',
      'Actions raised': 'MR-00-A1 to MR-00-A4',
      'Minutes reference': 'MR-minutes-00',
    },
    {
      'Review ID': 'MR-01',
      Date: day(addDays(asOf, -21)),
      Status: 'Completed',
      Chair: 'Managing director',
      ...covered([]),
      Decisions: 'Stage 1 booked with Nordmark Cert; second-shift inspector hired; supplier on-time delivery plan',
      'Actions raised': 'MR-01-A1 to MR-01-A5',
      'Minutes reference': 'MR-minutes-01',
    },
  ];
}

/**
 * Three quotes for the initial audit of 40 people on two sites (the IAF MD 5 minimum is 4 days, the product's
 * estimate 5.5): the chosen body quotes a little under the profile's early rate guess, a second is slower, and the
 * cheapest quotes 3 days — below MD 5, so the assessment says to ask what reductions it assumes.
 */
function quotes(asOf: IsoDate): Row[] {
  const quote = (
    body: string,
    accreditation: string,
    days: number,
    rate: number,
    travel: number,
    weeks: number,
    rest: Row,
  ): Row => ({
    'Certification body': body,
    'Accreditation body': accreditation,
    'Accredited for our scope': 'Yes',
    'Accreditation checked on': day(addDays(asOf, -40)),
    'Quoted audit days (initial)': days,
    'Day rate': rate,
    'Travel per day': travel,
    'Quoted total': days * (rate + travel),
    Currency: 'EUR',
    'Lead time (weeks)': weeks,
    'Also provides consultancy to us': 'No',
    ...rest,
  });
  return [
    quote('Nordmark Cert GmbH (fictional)', 'DAkkS', 5.5, 1420, 150, 8, {
      'Sector experience': 'Machining, automotive suppliers',
      Chosen: 'Yes',
      Notes: 'Lead auditor with machining background; Stage 1 date offered',
    }),
    quote('Baltic Quality Certification (fictional)', 'DAkkS', 5, 1390, 240, 12, {
      'Sector experience': 'Metalworking',
      Chosen: null,
      Notes: 'Earliest Stage 1 slot in twelve weeks',
    }),
    quote('QuickCert Europe (fictional)', 'UKAS', 3, 1100, 120, 4, {
      'Sector experience': 'General manufacturing',
      Chosen: null,
      Notes: 'Cheapest and fastest; did not say how it arrived at 3 days',
    }),
  ];
}

export function demoContent(asOf: IsoDate): DemoContent {
  const rand = random(0x9001);
  const k = kpis(asOf, rand);
  return {
    profile: profile(asOf),
    gaps: gaps(asOf, rand),
    kpis: k.kpis,
    measurements: k.measurements,
    suppliers: suppliers(asOf, rand),
    capas: capas(asOf, rand),
    audits: audits(asOf),
    reviews: reviews(asOf),
    quotes: quotes(asOf),
    // Their own seed, so that adding them left every row above as it was.
    documents: documents(asOf),
    trainings: trainings(asOf, random(0x13)),
  };
}

/** Doc ID, title, type, clauses, owner, retention (records only). */
const DOCUMENTS: readonly [string, string, string, string, string, string | null][] = [
  ['QM-01', 'Quality manual and scope of the QMS', 'Policy', '4.3, 4.4', 'M. Keller (QM)', null],
  ['QM-02', 'Quality policy', 'Policy', '5.2', 'Managing director', null],
  ['QM-03', 'Quality objectives 2026', 'Plan', '6.2', 'M. Keller (QM)', null],
  ['QM-04', 'Context and interested parties register', 'Record', '4.1, 4.2', 'M. Keller (QM)', '3 years'],
  ['QM-05', 'Risk and opportunity register', 'Record', '6.1', 'M. Keller (QM)', '3 years'],
  ['QM-06', 'Organisation chart, roles and authorities', 'Policy', '5.3', 'L. Fischer (HR)', null],
  ['PR-01', 'Control of documented information', 'Procedure', '7.5', 'M. Keller (QM)', null],
  ['PR-02', 'Competence, training and awareness', 'Procedure', '7.2, 7.3', 'L. Fischer (HR)', null],
  ['PR-03', 'Calibration of measuring equipment', 'Procedure', '7.1.5', 'R. Weber (Maintenance)', null],
  ['PR-04', 'Enquiry, quotation and order review', 'Procedure', '8.2', 'T. Lindqvist (Sales)', null],
  ['PR-05', 'Purchasing and supplier evaluation', 'Procedure', '8.4', 'S. Brandt (Purchasing)', null],
  ['PR-06', 'Production planning and control', 'Procedure', '8.1, 8.5.1', 'J. Novak (Production)', null],
  ['PR-07', 'Identification and traceability of parts', 'Procedure', '8.5.2', 'J. Novak (Production)', null],
  ['PR-08', 'Customer-supplied material and gauges', 'Procedure', '8.5.3', 'S. Brandt (Purchasing)', null],
  ['PR-09', 'Change control in production', 'Procedure', '8.5.6', 'A. Yilmaz (Engineering)', null],
  ['PR-10', 'Final inspection and release', 'Procedure', '8.6', 'M. Keller (QM)', null],
  ['PR-11', 'Control of nonconforming parts', 'Procedure', '8.7', 'M. Keller (QM)', null],
  ['PR-12', 'Internal audit', 'Procedure', '9.2', 'M. Keller (QM)', null],
  ['PR-13', 'Management review', 'Procedure', '9.3', 'Managing director', null],
  ['PR-14', 'Nonconformity and corrective action', 'Procedure', '10.2', 'M. Keller (QM)', null],
  ['PR-15', 'Monitoring, measurement and KPI review', 'Procedure', '9.1', 'M. Keller (QM)', null],
  ['PR-16', 'Internal and external communication', 'Procedure', '7.4', 'T. Lindqvist (Sales)', null],
  ['WI-01', 'CNC turning: setting up and first-off', 'Work instruction', '8.5.1', 'J. Novak (Production)', null],
  ['WI-03', 'Machine maintenance plan', 'Plan', '7.1.3', 'R. Weber (Maintenance)', null],
  ['WI-04', 'Workplace order and cleanliness (5S)', 'Work instruction', '7.1.4', 'J. Novak (Production)', null],
  ['FO-01', 'First article inspection report', 'Form', '8.6', 'M. Keller (QM)', null],
  ['FO-02', 'Nonconformity report', 'Form', '8.7, 10.2', 'M. Keller (QM)', null],
  [
    'RE-01',
    'Calibration certificates and gauge records',
    'Record',
    '7.1.5.1, 7.1.5.2',
    'R. Weber (Maintenance)',
    '10 years',
  ],
  ['RE-02', 'Training and qualification records', 'Record', '7.2', 'L. Fischer (HR)', '10 years after leaving'],
  [
    'EX-01',
    'Customer drawings and specifications',
    'External document',
    '8.2.2, 8.5.1',
    'A. Yilmaz (Engineering)',
    'life of the part + 10 years',
  ],
];
/** The two documents whose yearly review slipped (the check warns "review overdue"; their clauses are capped). */
const REVIEW_OVERDUE = new Set(['WI-03', 'WI-04']);

function documents(asOf: IsoDate): Row[] {
  return DOCUMENTS.map(([id, title, type, clauses, owner, retention], i): Row => {
    // PR-16 goes with the 7.4 gap: the communication matrix is not approved yet.
    if (id === 'PR-16') {
      return {
        'Doc ID': id,
        Title: title,
        Type: type,
        Clauses: clauses,
        Owner: owner,
        Revision: 'A',
        Status: 'In review',
      };
    }
    const overdue = REVIEW_OVERDUE.has(id);
    const approved = overdue ? addDays(asOf, -400 - i * 3) : addDays(asOf, -30 - ((i * 37) % 280));
    const next = overdue ? addDays(approved, 365) : addMonths(approved, type === 'Policy' ? 24 : 12);
    return {
      'Doc ID': id,
      Title: title,
      Type: type,
      Clauses: clauses,
      Owner: owner,
      Revision: String.fromCharCode(66 + (i % 3)),
      Status: 'Approved',
      'Approved by': type === 'Policy' ? 'Managing director' : 'M. Keller (QM)',
      'Approval date': day(approved),
      'Next review': day(next),
      Location: `https://dms.kestrel.example/qms/${id}`,
      Retention: retention,
    };
  });
}

const SURNAMES = [
  'Keller',
  'Novak',
  'Brandt',
  'Yilmaz',
  'Lindqvist',
  'Weber',
  'Fischer',
  'Schulz',
  'Kowalski',
  'Hoffmann',
  'Petrov',
  'Wagner',
  'Becker',
  'Horvat',
  'Schmid',
  'Nowak',
  'Krüger',
  'Demir',
  'Lang',
  'Meier',
  'Richter',
  'Bauer',
  'Kaya',
  'Wolf',
  'Neumann',
  'Popescu',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Hartmann',
  'Lorenz',
  'Koch',
  'Sommer',
  'Vogel',
  'Jansen',
  'Frank',
  'Berger',
  'Winkler',
  'Roth',
  'Haas',
];
const INITIALS = 'MJSATRLKPEDCHNBFGOVWIUZYXQ';

/** Role, department and how many people hold it (40 in all). */
const ROLES: readonly [string, string, number][] = [
  ['Quality manager', 'Quality', 1],
  ['Quality inspector', 'Quality', 3],
  ['CNC operator', 'Production', 16],
  ['Setter', 'Production', 4],
  ['Shift lead', 'Production', 4],
  ['Warehouse operative', 'Logistics', 4],
  ['Buyer', 'Purchasing', 2],
  ['Engineer', 'Engineering', 3],
  ['Sales', 'Sales', 2],
  ['Maintenance technician', 'Maintenance', 1],
];

/** Competence, method, validity in months (null: no expiry), and the roles that require it. */
const COMPETENCES: readonly [string, string, number | null, readonly string[] | 'all'][] = [
  ['ISO 9001 awareness', 'E-learning', null, 'all'],
  ['Quality policy briefing', 'Classroom', null, 'all'],
  ['CNC setting up', 'On the job', null, ['Setter', 'Shift lead']],
  ['First article inspection', 'On the job', 24, ['Quality inspector', 'Setter', 'Shift lead']],
  ['Use of measuring equipment', 'Classroom', 24, ['CNC operator', 'Setter', 'Quality inspector']],
  ['Forklift licence', 'External', 36, ['Warehouse operative', 'Shift lead']],
  ['Internal auditor', 'External', null, ['Quality manager', 'Quality inspector']],
  ['Supplier evaluation', 'Classroom', null, ['Buyer', 'Quality manager']],
];

/**
 * 40 people × 8 competences, one row each. Two recent hires have not done the awareness training yet and the night
 * shift (four operators) has not had the policy briefing (the 7.3 gap); two forklift licences and a measuring
 * course have lapsed (refresher due).
 */
function trainings(asOf: IsoDate, rand: () => number): Row[] {
  const people = ROLES.flatMap(([role, department, n]) => Array.from({ length: n }, () => ({ role, department })));
  const rows: Row[] = [];
  people.forEach(({ role, department }, p) => {
    const person = `${INITIALS[(p * 7) % INITIALS.length] ?? 'A'}. ${SURNAMES[p] ?? `Person ${p + 1}`}`;
    const newHire = p === 19 || p === 33;
    const nightShift = role === 'CNC operator' && p >= 16;
    COMPETENCES.forEach(([competence, method, months, roles], c) => {
      const required = roles === 'all' || roles.includes(role);
      const row: Row = {
        Person: person,
        Role: role,
        Department: department,
        'Competence / course': competence,
        'Required for role': required ? 'Yes' : 'No',
      };
      const gap = (newHire && c === 0) || (nightShift && c === 1) || (newHire && c === 1);
      if (!required || gap) {
        rows.push(row);
        return;
      }
      let completed = addDays(asOf, -20 - Math.floor(rand() * 300));
      const lapsed = (competence === 'Forklift licence' && (p === 29 || p === 30)) || (c === 4 && p === 7);
      if (lapsed && months !== null) completed = addDays(addMonths(asOf, -months), -15 - p);
      rows.push({
        ...row,
        'Completed date': day(completed),
        'Valid until': months === null ? null : day(addMonths(completed, months)),
        Method: method,
        'Effectiveness checked': rand() < 0.8 ? 'Yes' : 'Pending',
        'Evidence ref': `TR-${completed.slice(0, 4)}-${String(p * 8 + c + 1).padStart(3, '0')}`,
      });
    });
  });
  return rows;
}
