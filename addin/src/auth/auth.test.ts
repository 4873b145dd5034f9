import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NaaTokenProvider, naaConfigFromEnv } from './naa.ts';
import { DEV_TOKEN_KEY, DevTokenProvider } from './token-provider.ts';

interface MsalState {
  silent: ReturnType<typeof vi.fn>;
  popup: ReturnType<typeof vi.fn>;
  active: unknown;
  created: unknown[];
}

const msal = vi.hoisted((): MsalState => ({ silent: vi.fn(), popup: vi.fn(), active: null, created: [] }));

vi.mock('@azure/msal-browser', () => ({
  createNestablePublicClientApplication: (config: unknown) => {
    msal.created.push(config);
    return Promise.resolve({
      getActiveAccount: () => msal.active,
      getAllAccounts: () => [],
      setActiveAccount: (a: unknown) => {
        msal.active = a;
      },
      acquireTokenSilent: msal.silent,
      acquireTokenPopup: msal.popup,
    });
  },
}));

const config = {
  clientId: 'app-id',
  authority: 'https://login.microsoftonline.com/common',
  scope: 'api://app-id/access_as_user',
};

describe('NaaTokenProvider', () => {
  beforeEach(() => {
    msal.silent.mockReset();
    msal.popup.mockReset();
    msal.active = undefined;
    msal.created = [];
  });

  it('uses a silent token when Office already has one', async () => {
    msal.silent.mockResolvedValue({ accessToken: 'silent-token', account: { username: 'ann@contoso.com' } });
    const provider = new NaaTokenProvider(config);
    expect(await provider.signIn()).toBe('silent-token');
    expect(provider.account()).toBe('ann@contoso.com');
    expect(msal.popup).not.toHaveBeenCalled();
    expect(msal.created).toEqual([{ auth: { clientId: 'app-id', authority: config.authority } }]);
    expect(msal.silent.mock.calls[0]?.[0]).toEqual({ scopes: [config.scope] });
  });

  it('falls back to the interactive sign-in, then remembers the account', async () => {
    msal.silent.mockRejectedValue(new Error('interaction_required'));
    msal.popup.mockResolvedValue({ accessToken: 'popup-token', account: { username: 'bob@contoso.com' } });
    const provider = new NaaTokenProvider(config);
    expect(await provider.token()).toBeUndefined();
    expect(await provider.signIn()).toBe('popup-token');
    expect(msal.active).toEqual({ username: 'bob@contoso.com' });
    await provider.signOut();
    expect(provider.account()).toBeUndefined();
    expect(msal.active).toBeNull();
  });
});

describe('naaConfigFromEnv', () => {
  it('needs a client id and an API scope', () => {
    expect(naaConfigFromEnv({})).toBeUndefined();
    expect(naaConfigFromEnv({ VITE_QMS_CLIENT_ID: 'a' })).toBeUndefined();
    expect(naaConfigFromEnv({ VITE_QMS_CLIENT_ID: 'a', VITE_QMS_API_SCOPE: 's' })).toEqual({
      clientId: 'a',
      scope: 's',
      authority: 'https://login.microsoftonline.com/common',
    });
  });
});

describe('DevTokenProvider', () => {
  it('keeps a well-formed token and names its subject', async () => {
    const stored = new Map<string, string>();
    const storage = {
      setItem: (k: string, v: string) => void stored.set(k, v),
      removeItem: (k: string) => void stored.delete(k),
    };
    const token = `e30.${btoa(JSON.stringify({ sub: 'dev-owner' })).replace(/=+$/, '')}.sig`;
    const provider = new DevTokenProvider(token, storage);
    expect(await provider.signIn()).toBe(token);
    expect(stored.get(DEV_TOKEN_KEY)).toBe(token);
    expect(provider.account()).toBe('dev-owner');
    await provider.signOut();
    expect(await provider.token()).toBeUndefined();
    expect(stored.has(DEV_TOKEN_KEY)).toBe(false);
  });

  it('refuses something that is not a token, saying what to paste', async () => {
    await expect(new DevTokenProvider('hello').signIn()).rejects.toThrow(/paste the whole "dev sign-in token" line/);
  });
});
