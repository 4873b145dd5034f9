/**
 * Every number the engine reports travels with its reasons: the rule (an id from SPEC.md) that produced it,
 * the inputs that rule used, and whether any input was a default rather than the user's own figure. The
 * summary sheet, the API and the CLI show these so that a reader can see *why* a figure is what it is.
 */
export type FigureInput = string | number | boolean | null | readonly (string | number)[];

export interface Figure<T = number> {
  value: T;
  /** Rule id from engine/src/SPEC.md, e.g. `R-DAYS-3`. */
  rule: string;
  inputs: Record<string, FigureInput>;
  /** True when at least one input was a product default (the user gave no figure). */
  defaulted?: boolean;
}

export function figure<T>(
  value: T,
  rule: string,
  inputs: Record<string, FigureInput> = {},
  defaulted = false,
): Figure<T> {
  return defaulted ? { value, rule, inputs, defaulted: true } : { value, rule, inputs };
}

/** One decimal, as readiness percentages are shown. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Money to cents (avoids 0.1 + 0.2 artefacts in reports). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
