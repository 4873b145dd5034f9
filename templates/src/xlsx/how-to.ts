/**
 * The one-line how-to printed under each sheet's title. Written for the person filling the sheet in: what one
 * row is, and the two or three things that trip people up (drop-downs, date spelling, what the parser ignores).
 */
const HOW_TO: Record<string, string> = {
  'QMS Profile': 'Fill in the Value column; bold fields are needed for the readiness estimate. Dates as 2026-03-31.',
  'Gap Analysis':
    'One row per clause: set Status from the drop-down, cite Evidence, describe the Gap and the Action. Blank Status counts as Not assessed.',
  'KPI Definitions':
    'One row per KPI: give each a unique KPI ID, a numeric Target and the Direction in which it improves.',
  'KPI Measurements':
    'One row per KPI and period: the KPI ID from KPI Definitions, the period (2026-03, 2026-Q1 or a date) and the Actual value.',
  'Supplier Evaluation':
    'Set the criteria weights above (they must total 100), then one row per supplier: scores 1 (poor) to 5 (excellent). Score is calculated. Scoring out of 10 or in %? Add a row "Scale | 1-10" (or "Percent") to the criteria block and type your marks as they are: they are converted to 1–5 (the drop-downs of this template offer 1–5 only).',
  'CAPA Log':
    'One row per nonconformity: pick Source, Severity and Status from the drop-downs. A CAPA is Closed only once verified Effective.',
  'Audit Programme':
    'One row per audit or management review: plan it, then record its completion date, findings and report reference.',
  'Management Review':
    'One row per review: once Completed, give its Date and Minutes reference, and answer Yes or No for each input the review covered (ISO 9001 9.3.2).',
  'CB Comparison':
    'One row per certification body quoted: its accreditation, initial audit days, rates and lead time. Mark the body you choose Chosen = Yes (one only).',
};

export function howToFor(sheetName: string, fallback: string): string {
  return HOW_TO[sheetName] ?? fallback;
}
