import type { CbQuote } from '@qms/templates';
import type { Evidence } from './evidence.js';
import { figure, type Figure } from './figure.js';
import { MANDATORY_DOCUMENT_CLAUSES } from './records-evidence.js';
import { listShort, type ClauseState } from './readiness.js';
import type { Settings } from './settings.js';
import type { Gate, GateId, Profile, Readiness, Verdict } from './types.js';
import { STAGE1_GATES } from './verdict-gates.js';

/** Gates G1–G10 (engine/src/SPEC.md); each says why it passed or failed. */
export function evaluateGates(
  profile: Profile | undefined,
  states: readonly ClauseState[],
  readiness: Readiness,
  evidence: Evidence,
  settings: Settings,
  quotes: readonly CbQuote[] = [],
): Gate[] {
  const gate = (id: GateId, name: string, passed: boolean, reason: string): Gate => ({
    id,
    name,
    passed,
    rule: `R-GATE-${id}`,
    reason,
  });
  const monthsNeeded = profile?.monthsOfRecordsBeforeStage1 ?? settings.monthsOfRecords;

  const missingProfile = profile
    ? [
        profile.certificationScope?.trim() ? '' : 'Certification scope',
        profile.sitesInScope >= 1 ? '' : 'Sites in scope',
        profile.effectivePersonnel >= 1 ? '' : 'Effective personnel',
        profile.riskCategory ? '' : 'Risk category',
      ].filter(Boolean)
    : ['the QMS Profile sheet'];

  const notAssessed = states.filter((s) => s.status === 'Not assessed').map((s) => s.clause);
  const nonCompliant = states.filter((s) => s.status === 'Non-compliant').map((s) => s.clause);
  const lowGroups = readiness.groups.filter((g) => g.score.value !== null && g.score.value < settings.groupGatePercent);

  // R-GATE-G4: with a Document Register, the evidence is its Approved entries (R-READY-DOCS) and an entry past its
  // review is stale evidence; without one, the Gap Analysis Evidence cell still counts here.
  const byClause = new Map(states.map((s) => [s.clause, s]));
  const documents = evidence.documents;
  const documentClauses = [...MANDATORY_DOCUMENT_CLAUSES];
  const stale = documentClauses.filter((c) => byClause.get(c)?.status !== 'Not applicable' && documents.stale.has(c));
  const undocumented = documentClauses.filter((c) => {
    const s = byClause.get(c);
    return !s || !(s.status === 'Not applicable' || (s.status === 'Compliant' && s.hasEvidence));
  });
  const g4Failing = [...new Set([...undocumented, ...stale])];

  const ia = evidence.internalAudit;
  const mr = evidence.managementReview;
  const capa = evidence.capa;
  const g7 = reviewGate(evidence);
  const g10 = certificationBodyGate(profile, quotes);
  return [
    gate(
      'G1',
      'Scope defined',
      missingProfile.length === 0,
      missingProfile.length === 0
        ? 'the profile gives scope, sites, personnel and risk category'
        : `fill ${missingProfile.join(', ')} in the QMS Profile`,
    ),
    gate(
      'G2',
      'Every clause assessed',
      notAssessed.length === 0,
      notAssessed.length === 0
        ? 'every catalogue clause has a status'
        : `clauses not assessed: ${listShort(notAssessed)}; give each a Status in the Gap Analysis`,
    ),
    gate(
      'G3',
      'Implemented',
      nonCompliant.length === 0 && lowGroups.length === 0,
      [
        nonCompliant.length ? `Non-compliant clauses: ${listShort(nonCompliant)}` : '',
        lowGroups.length
          ? `groups under ${settings.groupGatePercent} %: ${lowGroups.map((g) => `${g.group} (${g.score.value ?? 0} %)`).join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('; ') || `no Non-compliant clause and every group at ${settings.groupGatePercent} % or more`,
    ),
    gate(
      'G4',
      'Mandatory documented information',
      g4Failing.length === 0,
      [
        undocumented.length
          ? documents.entries > 0
            ? `needs Compliant and an Approved, current Document Register entry: ${listShort(undocumented)}`
            : `needs Compliant with evidence: ${listShort(undocumented)}`
          : '',
        stale.length ? `evidence stale (register entry past its Next review): ${listShort(stale)}` : '',
      ]
        .filter(Boolean)
        .join('; ') ||
        (documents.entries > 0
          ? 'every clause with a maintain or retain duty is Compliant with an Approved, current Document Register entry, or Not applicable'
          : 'every clause with a maintain or retain duty is Compliant with evidence or Not applicable (no Document Register: Gap Analysis evidence counted)'),
    ),
    gate(
      'G5',
      'Records period',
      evidence.kpi.spanMonths >= monthsNeeded,
      `KPI measurements span ${evidence.kpi.spanMonths} month(s); ${monthsNeeded} needed before Stage 1`,
    ),
    gate(
      'G6',
      'Internal audit',
      ia.qualifies,
      ia.qualifies
        ? `completed internal audits in the last 12 months cover clauses 4–10 (latest ${ia.latest ?? ''})`
        : ia.completedInWindow.length === 0
          ? 'no internal audit completed in the last 12 months; complete one and record it in the Audit Programme'
          : `internal audits of the last 12 months leave out ${listShort(ia.missingClauses)}`,
    ),
    g7 ??
      gate(
        'G7',
        'Management review',
        mr.afterLatestAudit !== undefined,
        mr.afterLatestAudit !== undefined
          ? `management review completed ${mr.afterLatestAudit}, after the latest qualifying internal audit`
          : ia.qualifies
            ? `no management review completed on or after the latest qualifying internal audit (${ia.latest ?? ''})`
            : 'a management review must follow a qualifying internal audit (see G6)',
      ),
    gate(
      'G8',
      'Corrective actions',
      capa.openMajors.length === 0 && capa.overdueBeyondGrace.length === 0,
      [
        capa.openMajors.length ? `open Major CAPA: ${listShort(capa.openMajors)}` : '',
        capa.overdueBeyondGrace.length
          ? `CAPA overdue by more than ${settings.capaOverdueGraceDays} days: ${listShort(capa.overdueBeyondGrace)}`
          : '',
      ]
        .filter(Boolean)
        .join('; ') || `no open Major CAPA and none overdue by more than ${settings.capaOverdueGraceDays} days`,
    ),
    gate(
      'G9',
      'Critical suppliers',
      evidence.suppliers.criticalNotOk.length === 0,
      evidence.suppliers.criticalNotOk.length === 0
        ? 'every Critical supplier is Approved or Conditional with a current evaluation'
        : `Critical suppliers not Approved/Conditional or not currently evaluated: ${listShort(evidence.suppliers.criticalNotOk)}`,
    ),
    g10 ??
      gate(
        'G10',
        'Certification body',
        Boolean(profile?.certificationBody?.trim()),
        profile?.certificationBody?.trim()
          ? `certification body: ${profile.certificationBody.trim()}`
          : 'name the Certification body in the QMS Profile',
      ),
  ];
}

/**
 * R-GATE-G7-INPUTS: with a Management Review sheet, G7 also needs the sheet's latest completed review to cover
 * every 9.3.2 input. Undefined without the sheet (R-GATE-G7 as before).
 */
function reviewGate(evidence: Evidence): Gate | undefined {
  const mr = evidence.managementReview;
  const sheet = mr.sheet;
  if (!sheet) return undefined;
  const ia = evidence.internalAudit;
  const latest = sheet.latest;
  const timely = mr.afterLatestAudit !== undefined;
  const complete = latest !== undefined && latest.missing.length === 0;
  // The sheet's latest review must itself follow the audit: a later review known only from the Audit Programme
  // would leave its inputs unknown.
  const follows = latest !== undefined && ia.qualifies && ia.latest !== undefined && latest.date >= ia.latest;
  const when = timely
    ? `management review completed ${mr.afterLatestAudit ?? ''}, after the latest qualifying internal audit`
    : ia.qualifies
      ? `no management review completed on or after the latest qualifying internal audit (${ia.latest ?? ''})`
      : 'a management review must follow a qualifying internal audit (see G6)';
  const inputs = !latest
    ? 'the Management Review sheet has no completed review; record the review with the 9.3.2 inputs it covered'
    : timely && !follows
      ? `the latest review on the Management Review sheet, ${latest.reviewId} (${latest.date}), was held before that audit; record the review that followed it, with the 9.3.2 inputs it covered`
      : complete
        ? `the latest review, ${latest.reviewId} (${latest.date}), covered every 9.3.2 input`
        : `the latest review, ${latest.reviewId} (${latest.date}), did not cover ${latest.missing.join(', ')}; take ${latest.missing.length === 1 ? 'it' : 'them'} into account and record the review`;
  return {
    id: 'G7',
    name: 'Management review',
    passed: timely && follows && complete,
    rule: 'R-GATE-G7-INPUTS',
    reason: `${when}; ${inputs}`,
    inputs: {
      reviewAfterLatestAudit: mr.afterLatestAudit ?? null,
      latestCompletedReview: latest?.reviewId ?? null,
      inputsCovered: latest?.covered.length ?? 0,
      inputsNotCovered: latest?.missing ?? [],
    },
  };
}

/**
 * R-GATE-G10-CHOSEN: with a CB Comparison sheet, G10 passes on the chosen body when it is accredited for the scope
 * and does not also consult for us (ISO/IEC 17021-1). Undefined without quotes (R-GATE-G10 as before).
 */
function certificationBodyGate(profile: Profile | undefined, quotes: readonly CbQuote[]): Gate | undefined {
  if (quotes.length === 0) return undefined;
  const chosen = quotes.find((q) => q.chosen === true);
  const base = { id: 'G10' as const, name: 'Certification body', rule: 'R-GATE-G10-CHOSEN' };
  const inputs = {
    quotesCompared: quotes.length,
    chosen: chosen?.certificationBody ?? null,
    accreditedForScope: chosen?.accreditedForScope ?? null,
    consultancyToUs: chosen?.consultancyToUs ?? null,
    profileCertificationBody: profile?.certificationBody?.trim() || null,
  };
  if (!chosen)
    return {
      ...base,
      passed: false,
      reason: `${quotes.length} quote(s) compared on the CB Comparison sheet but none is Chosen; set Chosen to Yes for the body you pick`,
      inputs,
    };
  const problems = [
    chosen.accreditedForScope === true
      ? ''
      : 'is not shown as accredited for our scope (check the accreditation body register and set Yes)',
    chosen.consultancyToUs === true
      ? 'also provides consultancy to us, so it may not certify our QMS (ISO/IEC 17021-1)'
      : '',
  ].filter(Boolean);
  return {
    ...base,
    passed: problems.length === 0,
    reason:
      problems.length === 0
        ? `chosen certification body: ${chosen.certificationBody}, accredited for our scope and impartial`
        : `the chosen body ${chosen.certificationBody} ${problems.join(' and ')}`,
    inputs,
  };
}

/** R-VERDICT: Certified, else Ready for Stage 2, else Ready for Stage 1, else Not ready. */
export function verdictOf(gates: readonly Gate[], evidence: Evidence): Figure<Verdict> {
  const failed = gates.filter((g) => !g.passed).map((g) => g.id);
  const inputs = {
    failedGates: failed,
    completedStage1: evidence.stage1 ?? null,
    completedStage2: evidence.stage2 ?? null,
    openExternalMajorCapa: evidence.capa.openExternalMajors,
  };
  if (evidence.stage2 !== undefined && evidence.capa.openExternalMajors.length === 0)
    return figure<Verdict>('Certified', 'R-VERDICT-CERTIFIED', inputs);
  if (failed.length === 0 && evidence.stage1 !== undefined)
    return figure<Verdict>('Ready for Stage 2', 'R-VERDICT-STAGE2', inputs);
  if (STAGE1_GATES.every((id) => !failed.includes(id)))
    return figure<Verdict>('Ready for Stage 1', 'R-VERDICT-STAGE1', inputs);
  return figure<Verdict>('Not ready', 'R-VERDICT-NOT-READY', inputs);
}
