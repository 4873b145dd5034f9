/**
 * Starts telemetry when Application Insights is configured (Settings.telemetry); otherwise hands back the no-op
 * ports and loads nothing. Every telemetry package is imported here, dynamically and only past that check, so
 * local runs and tests never load @azure/monitor-opentelemetry or @opentelemetry/* (docs/api.md "Telemetry").
 */
import type { TokenCredential } from '@azure/core-auth';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { TelemetrySetting } from '../config.js';
import { noTelemetry, type Telemetry } from './port.js';

/** What starting needs from the telemetry packages; tests pass fakes, production loads the real ones. */
export interface TelemetryModules {
  useAzureMonitor(options: AzureMonitorOpenTelemetryOptions): void;
  /** The Function app's managed identity (user-assigned when a client id is given). */
  managedIdentity(clientId: string | undefined): TokenCredential;
  instruments(): Telemetry;
}

export async function loadTelemetryModules(): Promise<TelemetryModules> {
  const [monitor, identity, otel] = await Promise.all([
    import('@azure/monitor-opentelemetry'),
    import('@azure/identity'),
    import('./otel.js'),
  ]);
  return {
    useAzureMonitor: monitor.useAzureMonitor,
    managedIdentity: (clientId) =>
      clientId === undefined
        ? new identity.ManagedIdentityCredential()
        : new identity.ManagedIdentityCredential({ clientId }),
    instruments: otel.otelTelemetry,
  };
}

/** The options handed to useAzureMonitor: the connection string, and the identity when local auth is off. */
export function azureMonitorOptions(setting: TelemetrySetting, modules: Pick<TelemetryModules, 'managedIdentity'>) {
  const options: AzureMonitorOpenTelemetryOptions = {
    azureMonitorExporterOptions: {
      connectionString: setting.connectionString,
      ...(setting.entra === undefined ? {} : { credential: modules.managedIdentity(setting.entra.clientId) }),
    },
    instrumentationOptions: {
      // Outgoing HTTP spans would carry storage URLs with their $filter (organisation and user ids); the Azure SDK
      // spans cover the same calls with the query redacted. Incoming requests get our own span (pipeline.ts).
      http: { enabled: false },
      azureSdk: { enabled: true },
    },
  };
  return options;
}

/**
 * A start that runs once per process: a second call (deps rebuilt after a failure) reuses the first one's
 * instruments instead of registering Azure Monitor again. Tests make their own starter with fake modules.
 */
export function telemetryStarter(
  load: () => Promise<TelemetryModules> = loadTelemetryModules,
): (setting: TelemetrySetting | undefined) => Promise<Telemetry> {
  let started: Promise<Telemetry> | undefined;
  return (setting) => {
    if (setting === undefined) return Promise.resolve(noTelemetry);
    started ??= load().then((modules) => {
      modules.useAzureMonitor(azureMonitorOptions(setting, modules));
      return modules.instruments();
    });
    started.catch(() => {
      started = undefined;
    });
    return started;
  };
}

export const startTelemetry = telemetryStarter();
