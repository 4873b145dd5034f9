import { createApiClient } from '@qms/client';
import { DEV_TOKEN_KEY, DevTokenProvider, type TokenProvider } from '../auth/token-provider.ts';
import { NaaTokenProvider, naaConfigFromEnv } from '../auth/naa.ts';
import { createLazyExcelPort } from '../office/lazy-port.ts';
import { officeDisplayLanguage, type HostStatus } from '../office/host.ts';
import { SyncQueue } from '../sync/queue.ts';
import type { PaneServices } from './services.ts';
import { apiOriginPolicy, apiUrlProblem } from './api-origin.ts';
import { localIsoDate } from './local-date.ts';
import { API_URL_KEY } from './state.ts';

const DEFAULT_API_URL = 'http://localhost:7071/api';

/** Wires the real services: Excel through the adapter, the backend through fetch, storage in localStorage. */
export function createServices(host: HostStatus): PaneServices {
  const storage = window.localStorage;
  const session = window.sessionStorage;
  const env = import.meta.env as Record<string, string | undefined>;
  const policy = apiOriginPolicy(import.meta.env);
  const naa = naaConfigFromEnv(env);
  // A dev token lives for the browser session at most (never in localStorage, which outlives the pane).
  storage.removeItem(DEV_TOKEN_KEY);
  let auth: TokenProvider = naa
    ? new NaaTokenProvider(naa)
    : new DevTokenProvider(session.getItem(DEV_TOKEN_KEY) ?? '', session);
  const stored = storage.getItem(API_URL_KEY);
  const builtIn = env.VITE_QMS_API_URL ?? DEFAULT_API_URL;
  // A stored address the pane may no longer call (another build, or tampering) falls back to the built-in one.
  let apiUrl = stored !== null && apiUrlProblem(stored, policy) === undefined ? stored : builtIn;
  const makeApi = () => createApiClient({ baseUrl: apiUrl, getToken: () => auth.token() });
  const services: PaneServices = {
    host,
    workbook:
      host.kind === 'excel'
        ? createLazyExcelPort(undefined, {
            sheetMarkers: host.sheetMarkers,
            tableResize: host.insertFromBase64,
            dataValidation: host.dataValidation,
          })
        : undefined,
    api: makeApi(),
    apiUrl,
    setApiUrl(url: string) {
      const problem = apiUrlProblem(url, policy);
      if (problem !== undefined) return problem;
      apiUrl = url;
      storage.setItem(API_URL_KEY, url);
      services.apiUrl = url;
      services.api = makeApi();
      return undefined;
    },
    auth,
    setAuth(provider: TokenProvider) {
      auth = provider;
      services.auth = provider;
    },
    queue: new SyncQueue({
      storage,
      client: {
        syncPlan: (org, body) => services.api.syncPlan(org, body),
        syncRecords: (org, body) => services.api.syncRecords(org, body),
        syncCommit: (org, body) => services.api.syncCommit(org, body),
      },
      now: () => Date.now(),
    }),
    storage,
    sessionStorage: session,
    today: () => localIsoDate(new Date()),
    brand: env.VITE_QMS_BRAND ?? '',
    locale: officeDisplayLanguage(),
    dev: import.meta.env.DEV,
  };
  return services;
}
