/**
 * Test support (never imported by the pane): a small, hand-made set of records and the engine's own assessment
 * of it. Tests that need an assessment take it from here, so their fixture is whatever the engine returns today
 * and can never drift from it.
 */
import { assess, type Assessment, type Profile } from '@qms/engine';
import { CLAUSES, makeRecord, type QmsRecord } from '@qms/templates';

export const SAMPLE_AS_OF = '2026-03-31';

export function sampleProfile(over: Partial<Profile> = {}): Profile {
  return {
    organizationName: 'Acme Precision Ltd',
    certificationScope: 'Machining of precision parts',
    sitesInScope: 1,
    effectivePersonnel: 25,
    riskCategory: 'Medium',
    standard: 'ISO 9001:2015',
    currency: 'EUR',
    cbDayRate: 1400,
    monthsOfRecordsBeforeStage1: 3,
    ...over,
  };
}

/** A gap row per catalogue clause (group 8 still open, the rest mostly compliant), one open CAPA. */
export function sampleRecords(): QmsRecord[] {
  const gaps = CLAUSES.map((c, i) =>
    makeRecord(
      'gap',
      c.clause,
      c.clause.startsWith('8.')
        ? { clause: c.clause, status: 'Non-compliant', gap: 'No procedure yet', effortDays: 2 }
        : { clause: c.clause, status: i % 3 === 0 ? 'Partially compliant' : 'Compliant', evidence: `QP-${i}` },
      { sheet: 'Gap Analysis', row: 5 + i },
    ),
  );
  const capa = makeRecord(
    'capa',
    'CAPA-001',
    { capaId: 'CAPA-001', dateOpened: '2026-01-10', status: 'Open', severity: 'Minor' },
    { sheet: 'CAPA Log', row: 5 },
  );
  return [...gaps, capa];
}

/** The engine's assessment of the sample records (the profile passed in, as the API does with a stored one). */
export function sampleAssessment(profile: Profile = sampleProfile()): Assessment {
  return assess(sampleRecords(), profile, SAMPLE_AS_OF);
}
