/** Where the pane gets bearer tokens: MSAL nested app authentication in Office, a pasted dev token locally. */
export interface TokenProvider {
  readonly kind: 'naa' | 'dev';
  /** Signs in if needed (may show Office's sign-in UI). */
  signIn(): Promise<string>;
  /** A token without user interaction, or undefined when the user must sign in. */
  token(): Promise<string | undefined>;
  signOut(): Promise<void>;
  /** Who is signed in, for the pane's header. */
  account(): string | undefined;
}

/** The dev issuer's token printed by `npm start`, pasted into the Sync tab and kept for the session. */
export class DevTokenProvider implements TokenProvider {
  readonly kind = 'dev';
  constructor(
    private value: string,
    private readonly storage?: Pick<Storage, 'setItem' | 'removeItem'>,
  ) {}

  signIn(): Promise<string> {
    const token = this.value.trim();
    if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
      return Promise.reject(
        new Error(
          'That is not a token: paste the whole "dev sign-in token" line that npm start printed (three dot-separated parts).',
        ),
      );
    }
    this.storage?.setItem(DEV_TOKEN_KEY, token);
    return Promise.resolve(token);
  }

  token(): Promise<string | undefined> {
    return Promise.resolve(this.value.trim() || undefined);
  }

  signOut(): Promise<void> {
    this.value = '';
    this.storage?.removeItem(DEV_TOKEN_KEY);
    return Promise.resolve();
  }

  account(): string | undefined {
    const payload = this.value.split('.')[1];
    if (!payload) return undefined;
    try {
      const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
        preferred_username?: string;
        sub?: string;
        name?: string;
      };
      return claims.preferred_username ?? claims.name ?? claims.sub;
    } catch {
      return undefined;
    }
  }
}

export const DEV_TOKEN_KEY = 'qms.devToken';
