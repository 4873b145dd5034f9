import type { TokenProvider } from './token-provider.ts';

export interface NaaConfig {
  clientId: string;
  /** e.g. https://login.microsoftonline.com/common */
  authority: string;
  /** API scope of the backend, e.g. api://<app id>/access_as_user */
  scope: string;
}

type Msal = typeof import('@azure/msal-browser');
type Pca = Awaited<ReturnType<Msal['createNestablePublicClientApplication']>>;

/**
 * Entra ID sign-in through MSAL nested app authentication (Office brokers the token). MSAL is loaded only
 * when someone signs in, so it costs the pane's first load nothing.
 */
export class NaaTokenProvider implements TokenProvider {
  readonly kind = 'naa';
  private pca: Promise<Pca> | undefined;
  private user: string | undefined;

  constructor(private readonly config: NaaConfig) {}

  private app(): Promise<Pca> {
    this.pca ??= import('@azure/msal-browser').then((msal) =>
      msal.createNestablePublicClientApplication({
        auth: { clientId: this.config.clientId, authority: this.config.authority },
      }),
    );
    return this.pca;
  }

  async token(): Promise<string | undefined> {
    const pca = await this.app();
    const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    try {
      const result = await pca.acquireTokenSilent({ scopes: [this.config.scope], ...(account ? { account } : {}) });
      this.user = result.account.username;
      return result.accessToken;
    } catch {
      return undefined;
    }
  }

  async signIn(): Promise<string> {
    const silent = await this.token();
    if (silent) return silent;
    const pca = await this.app();
    const result = await pca.acquireTokenPopup({ scopes: [this.config.scope] });
    pca.setActiveAccount(result.account);
    this.user = result.account.username;
    return result.accessToken;
  }

  async signOut(): Promise<void> {
    const pca = await this.app();
    pca.setActiveAccount(null);
    this.user = undefined;
  }

  account(): string | undefined {
    return this.user;
  }
}

/** The production sign-in settings from the build's environment, or undefined when they were not set. */
export function naaConfigFromEnv(env: Record<string, string | undefined>): NaaConfig | undefined {
  const clientId = env.VITE_QMS_CLIENT_ID;
  const scope = env.VITE_QMS_API_SCOPE;
  if (!clientId || !scope) return undefined;
  return { clientId, scope, authority: env.VITE_QMS_AUTHORITY ?? 'https://login.microsoftonline.com/common' };
}
