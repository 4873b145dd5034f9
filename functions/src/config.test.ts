import { describe, expect, it } from 'vitest';
import { ConfigError, readSettings, storageSetting, telemetrySetting } from './config.js';

const dev = { QMS_AUTH_MODE: 'dev' };

describe('QMS_STORAGE: a connection string or an endpoint URL', () => {
  it('takes a connection string as before, and Azurite by default', () => {
    expect(readSettings(dev).storage).toEqual({
      kind: 'connection-string',
      connectionString: 'UseDevelopmentStorage=true',
    });
    const cs = 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net';
    expect(storageSetting({ QMS_STORAGE: cs })).toEqual({ kind: 'connection-string', connectionString: cs });
    expect(storageSetting({ AzureWebJobsStorage: cs })).toEqual({ kind: 'connection-string', connectionString: cs });
  });

  it('takes an account endpoint (Azure, or Azurite path-style) as the token form, trailing slash dropped', () => {
    expect(storageSetting({ QMS_STORAGE: 'https://acct.table.core.windows.net/' })).toEqual({
      kind: 'token',
      endpoint: 'https://acct.table.core.windows.net',
    });
    expect(storageSetting({ QMS_STORAGE: 'https://127.0.0.1:10002/devstoreaccount1' })).toEqual({
      kind: 'token',
      endpoint: 'https://127.0.0.1:10002/devstoreaccount1',
    });
  });

  it.each([
    ['neither form', 'acct.table.core.windows.net', /QMS_STORAGE is neither/],
    ['plain http (a token needs TLS)', 'http://acct.table.core.windows.net', /QMS_STORAGE must be an https:\/\//],
    ['a SAS URL (a secret)', 'https://acct.table.core.windows.net/?sv=2024&sig=abc', /without a query \(SAS\)/],
  ])('refuses %s with a ConfigError naming QMS_STORAGE and both forms', (_name, value, message) => {
    const attempt = () => readSettings({ ...dev, QMS_STORAGE: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/connection string .*table endpoint URL/);
  });

  it('never echoes a refused value (it may be a key pasted into the wrong setting)', () => {
    const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq';
    expect(() => storageSetting({ QMS_STORAGE: key })).toThrow(ConfigError);
    try {
      storageSetting({ QMS_STORAGE: key });
    } catch (error) {
      expect(String(error)).not.toContain(key);
    }
  });

  it('reads AZURE_CLIENT_ID for a user-assigned identity', () => {
    expect(readSettings(dev).azureClientId).toBeUndefined();
    expect(readSettings({ ...dev, AZURE_CLIENT_ID: ' 1234-abcd ' }).azureClientId).toBe('1234-abcd');
  });
});

describe('Application Insights settings', () => {
  const cs =
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x.in.applicationinsights.azure.com/';

  it('is off without APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
    expect(readSettings(dev).telemetry).toBeUndefined();
    expect(telemetrySetting({ APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' })).toBeUndefined();
  });

  it('signs in with Entra when the authentication string says AAD, with its client id or AZURE_CLIENT_ID', () => {
    expect(telemetrySetting({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs })).toEqual({
      connectionString: cs,
      entra: undefined,
    });
    expect(
      telemetrySetting({
        APPLICATIONINSIGHTS_CONNECTION_STRING: cs,
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=mi-client',
      }),
    ).toEqual({ connectionString: cs, entra: { clientId: 'mi-client' } });
    expect(
      telemetrySetting({
        APPLICATIONINSIGHTS_CONNECTION_STRING: cs,
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD',
        AZURE_CLIENT_ID: 'from-env',
      }),
    ).toEqual({ connectionString: cs, entra: { clientId: 'from-env' } });
  });

  it('refuses any other authentication string, naming the setting and the accepted form', () => {
    expect(() =>
      telemetrySetting({
        APPLICATIONINSIGHTS_CONNECTION_STRING: cs,
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Key=abc',
      }),
    ).toThrow(/APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be "Authorization=AAD"/);
  });
});
