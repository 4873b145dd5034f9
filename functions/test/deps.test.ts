import { describe, expect, it } from 'vitest';
import type { Verifier } from '../src/auth/verifier.js';
import { readSettings } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { silentLog } from '../src/log.js';
import { noTelemetry } from '../src/telemetry/port.js';
import { stubTokenCredential } from '@qms/api-harness/bearer';

const verifier: Verifier = { verify: () => Promise.reject(new Error('not used here')) };

describe('createDeps chooses the storage credential from QMS_STORAGE', () => {
  it('a connection string: shared-key clients, and the no-op telemetry ports', async () => {
    const deps = await createDeps(readSettings({ QMS_AUTH_MODE: 'dev' }), { verifier, log: silentLog });
    expect(deps.tables.auth).toBe('connection-string');
    expect(deps.metrics).toBe(noTelemetry.metrics);
    expect(deps.tracer).toBe(noTelemetry.tracer);
  });

  it('an endpoint URL: clients that ask the injected credential for a storage token before each call', async () => {
    const credential = stubTokenCredential();
    // Nothing listens on port 9: the call fails after the token was asked for, which is all this needs.
    const settings = readSettings({ QMS_AUTH_MODE: 'dev', QMS_STORAGE: 'https://127.0.0.1:9/devstoreaccount1' });
    const deps = await createDeps(settings, { verifier, log: silentLog, credential });
    expect(deps.tables.auth).toBe('token');
    await expect(deps.tables.ping(AbortSignal.timeout(5000))).rejects.toThrow();
    expect(credential.scopes).toEqual(['https://storage.azure.com/.default']);
  });
});
