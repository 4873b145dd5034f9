import { addMonths } from '@qms/templates';
import type { Evidence } from './evidence.js';
import { figure } from './figure.js';
import type { CertificationCycle, CycleDue, IsoDate } from './types.js';

/**
 * R-CYCLE-1 … R-CYCLE-3 (ISO/IEC 17021-1 as engine/src/SPEC.md sums it up): from the certification decision, the
 * first surveillance is due within 12 months, the second within 24 (one per calendar year), recertification
 * before the certificate expires at 36 months. A completed Recertification audit starts a new cycle.
 */
export function certificationCycle(decision: IsoDate, evidence: Evidence, asOf: IsoDate): CertificationCycle {
  const renewed = evidence.recertification.filter((d) => d >= decision).at(-1);
  const anchor = renewed ?? decision;
  const surveillanceDone = evidence.surveillance.filter((d) => d > anchor && d <= asOf);
  const recertDone = evidence.recertification.some((d) => d > anchor && d <= asOf);
  const expiry = addMonths(anchor, 36);
  const make = (audit: CycleDue['audit'], months: number, done: boolean, rule: string): CycleDue => {
    const due = addMonths(anchor, months);
    return {
      audit,
      due: figure(due, rule, { cycleStart: anchor, monthsAfter: months }),
      done,
      overdue: !done && due < asOf,
    };
  };
  const due = [
    make('Surveillance 1', 12, surveillanceDone.length >= 1, 'R-CYCLE-1'),
    make('Surveillance 2', 24, surveillanceDone.length >= 2, 'R-CYCLE-2'),
    make('Recertification', 36, recertDone, 'R-CYCLE-3'),
  ];
  const next = due.find((d) => !d.done);
  const cycle: CertificationCycle = {
    decisionDate: figure(anchor, 'R-CYCLE-1', {
      decisionFromRecords: decision,
      latestRecertification: renewed ?? null,
    }),
    expiry: figure(expiry, 'R-CYCLE-3', { cycleStart: anchor }),
    due,
    overdue: due.some((d) => d.overdue),
  };
  if (next) cycle.next = next;
  return cycle;
}
