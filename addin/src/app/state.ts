import type { TemplateVersionNote, WorkbookResult } from '@qms/templates';
import { createContext, useContext } from 'react';

/** State shared by views: the organisation picked on the Sync tab and the last check's as-of date. */
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
}

export const SharedStateContext = createContext<SharedState | undefined>(undefined);

export function useShared(): SharedState {
  const state = useContext(SharedStateContext);
  if (!state) throw new Error('The pane was rendered without its shared state');
  return state;
}

export const ORG_KEY = 'qms.org';
export const API_URL_KEY = 'qms.apiUrl';
