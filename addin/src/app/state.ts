import type { Assessment, PortfolioEntry } from '@qms/client';
import type { TemplateVersionNote, WorkbookResult } from '@qms/templates';
import { createContext, useContext } from 'react';
import type { HistoryPoint } from '../readiness/history.ts';
import type { WorkbookPack } from '../packs/org-pack.ts';

/** The last readiness loaded, with the organisation and date it was asked for. */
export interface KeptAssessment {
  org: string;
  asOf: string;
  assessment: Assessment;
  /** Readiness over time; undefined when the server gave none (or the call failed). */
  history?: HistoryPoint[] | undefined;
}

/**
 * State shared by views and kept above them, so switching tabs loses nothing: the organisation, the as-of date,
 * the last check (and the pack upgrade it offers), the last readiness, the portfolio and how many cells carry a highlight.
 */
export interface SharedState {
  org: string;
  setOrg(org: string): void;
  asOf: string;
  setAsOf(date: string): void;
  /** The last Check result, kept while the user switches tabs. */
  lastCheck: WorkbookResult | undefined;
  setLastCheck(result: WorkbookResult | undefined): void;
  /** Template sheets of the last read whose version differs from the one this pane ships. */
  versionNotes: TemplateVersionNote[];
  setVersionNotes(notes: TemplateVersionNote[]): void;
  /** The pack the last checked workbook came from, with any upgrade on offer (kept in memory, not the session). */
  workbookPack: WorkbookPack | undefined;
  setWorkbookPack(pack: WorkbookPack | undefined): void;
  assessment: KeptAssessment | undefined;
  setAssessment(value: KeptAssessment | undefined): void;
  portfolio: PortfolioEntry[] | undefined;
  setPortfolio(entries: PortfolioEntry[] | undefined): void;
  /** Cells painted by "Highlight issue cells" and not cleared (read from the workbook when the pane starts). */
  highlighted: number;
  setHighlighted(count: number): void;
}

export const SharedStateContext = createContext<SharedState | undefined>(undefined);

export function useShared(): SharedState {
  const state = useContext(SharedStateContext);
  if (!state) throw new Error('The pane was rendered without its shared state');
  return state;
}

export const ORG_KEY = 'qms.org';
export const API_URL_KEY = 'qms.apiUrl';
