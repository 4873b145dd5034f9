/**
 * The API outside Azure (`@qms/functions/dev`): the local dev host, the dev token issuer, and the parts the app is
 * composed of (deps, tables, verifier, clock, log, the one route invoker). `npm start` and the test harness
 * (`@qms/api-harness`) build the same app from these, so what they serve is what Azure registers
 * (docs/architecture.md, "Where each kind of test lives").
 */
export { startDevHost, createDevListener, ROUTE_PREFIX, type DevHost } from './host.js';
export {
  DEV_AUDIENCE,
  DEV_ISSUER,
  DEV_SCOPE,
  generateDevKeys,
  loadOrCreateDevKeys,
  mintDevToken,
  type DevKeys,
  type DevTokenOptions,
} from '../auth/dev-issuer.js';
export { createVerifier } from '../auth/verifier.js';
export { fixedClock, type Clock } from '../clock.js';
export type { Deps } from '../deps.js';
export { silentLog } from '../log.js';
export { invoke, routeTable, type RouteTable } from '../http/invoke.js';
export { createTables, type ExtraClientOptions, type StorageAccess, type Tables } from '../storage/tables.js';
export { noMetrics, noTracer, type Metrics } from '../telemetry/port.js';
