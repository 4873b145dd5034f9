import type { TokenCredential } from '@azure/core-auth';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import { describe, expect, it } from 'vitest';
import type { TelemetrySetting } from '../config.js';
import { noMetrics, noTelemetry, noTracer, type Telemetry } from './port.js';
import { telemetryStarter, type TelemetryModules } from './start.js';

const CONNECTION = 'InstrumentationKey=00000000-0000-0000-0000-000000000000';

function fakeModules() {
  const calls = {
    loads: 0,
    started: [] as AzureMonitorOpenTelemetryOptions[],
    identities: [] as (string | undefined)[],
  };
  const credential: TokenCredential = { getToken: () => Promise.resolve(null) };
  const instruments: Telemetry = { metrics: { ...noMetrics }, tracer: { ...noTracer } };
  const load = (): Promise<TelemetryModules> => {
    calls.loads += 1;
    return Promise.resolve({
      useAzureMonitor: (options) => calls.started.push(options),
      managedIdentity: (clientId) => {
        calls.identities.push(clientId);
        return credential;
      },
      instruments: () => instruments,
    });
  };
  return { calls, credential, instruments, load };
}

describe('starting telemetry', () => {
  it('loads nothing and returns the no-op ports when Application Insights is not configured', async () => {
    const fake = fakeModules();
    expect(await telemetryStarter(fake.load)(undefined)).toBe(noTelemetry);
    expect(fake.calls.loads).toBe(0);
  });

  it('starts Azure Monitor with the connection string and the managed identity when local auth is off', async () => {
    const fake = fakeModules();
    const setting: TelemetrySetting = { connectionString: CONNECTION, entra: { clientId: 'mi-client' } };
    expect(await telemetryStarter(fake.load)(setting)).toBe(fake.instruments);
    expect(fake.calls.identities).toEqual(['mi-client']);
    expect(fake.calls.started).toHaveLength(1);
    const options = fake.calls.started[0]!;
    expect(options.azureMonitorExporterOptions).toEqual({ connectionString: CONNECTION, credential: fake.credential });
    // Outgoing HTTP spans would carry storage URLs with their filters; the Azure SDK's spans redact queries.
    expect(options.instrumentationOptions?.http).toEqual({ enabled: false });
  });

  it('sends no credential when no authentication string asks for Entra sign-in', async () => {
    const fake = fakeModules();
    await telemetryStarter(fake.load)({ connectionString: CONNECTION, entra: undefined });
    expect(fake.calls.identities).toEqual([]);
    expect(fake.calls.started[0]?.azureMonitorExporterOptions).toEqual({ connectionString: CONNECTION });
  });

  it('registers Azure Monitor once per process, however often deps are rebuilt', async () => {
    const fake = fakeModules();
    const start = telemetryStarter(fake.load);
    const setting: TelemetrySetting = { connectionString: CONNECTION, entra: undefined };
    const [a, b] = await Promise.all([start(setting), start(setting)]);
    expect(await start(setting)).toBe(a);
    expect(b).toBe(a);
    expect(fake.calls.loads).toBe(1);
    expect(fake.calls.started).toHaveLength(1);
  });

  it('tries again on the next start when loading failed', async () => {
    const fake = fakeModules();
    let fail = true;
    const start = telemetryStarter(() => (fail ? Promise.reject(new Error('no module')) : fake.load()));
    const setting: TelemetrySetting = { connectionString: CONNECTION, entra: undefined };
    await expect(start(setting)).rejects.toThrow('no module');
    fail = false;
    expect(await start(setting)).toBe(fake.instruments);
  });
});
