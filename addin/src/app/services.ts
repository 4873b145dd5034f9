import { createContext, useContext } from 'react';
import type { ApiClient } from '@qms/client';
import type { TokenProvider } from '../auth/token-provider.ts';
import type { HostStatus } from '../office/host.ts';
import type { WorkbookPort } from '../office/types.ts';
import type { SyncQueue } from '../sync/queue.ts';

/** Everything the views need from the outside world, handed down by context (tests build their own). */
export interface PaneServices {
  host: HostStatus;
  /** Present only inside Excel with the API the pane needs. */
  workbook: WorkbookPort | undefined;
  api: ApiClient;
  apiUrl: string;
  /** Points the pane at another server; refused (with the reason) for one it was not built for, or not https. */
  setApiUrl(url: string): string | undefined;
  auth: TokenProvider;
  /** Replaces the token provider (e.g. a newly pasted dev token). */
  setAuth(provider: TokenProvider): void;
  queue: SyncQueue;
  storage: Storage;
  /** Kept for the browser session only: the pasted dev token (MSAL keeps its own cache). */
  sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Today's date for overdue checks; the user may change it on the Check tab. */
  today(): string;
  /** Consultant brand text shown on the Templates tab and in the summary sheet. */
  brand: string;
  /** Office's display language ("de-DE"); numbers, dates and money are written in it. */
  locale?: string | undefined;
  /** A development build: the server address and the dev sign-in token are shown without asking. */
  dev?: boolean | undefined;
}

export const ServicesContext = createContext<PaneServices | undefined>(undefined);

export function useServices(): PaneServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('The pane was rendered without its services');
  return services;
}
