import { base64 } from './base64.js';
import { ApiError } from './errors.js';
import type { AuthKind } from './operation.js';

/** Asks for a Genesys access token; `forceRefresh` is set once after the server refused the last one. */
export type AccessTokenSource = (context: { forceRefresh: boolean }) => string | Promise<string>;

/**
 * Genesys Cloud credentials. Give one of `accessToken` or `getAccessToken` (what
 * {@link clientCredentials} returns), and/or `guestJwt` for the WebChat guest operations.
 */
export interface GenesysAuth {
  /** A fixed OAuth access token. */
  accessToken?: string;
  /** Called for a token before each request; cache inside (as {@link clientCredentials} does). */
  getAccessToken?: AccessTokenSource;
  /** The guest chat JWT (the `jwt` of a created guest conversation), or a function returning it. */
  guestJwt?: string | (() => string | Promise<string>);
}

/** myKaarma ServiceSubscriber credentials (HTTP Basic). */
export interface BasicAuth {
  username: string;
  password: string;
}

export interface ClientCredentialsOptions {
  clientId: string;
  clientSecret: string;
  /** Genesys region domain, e.g. `mypurecloud.ie`; the token URL is `https://login.<region>/oauth/token`. @default 'mypurecloud.com' */
  region?: string;
  /** Login host instead of `region`, e.g. a mock server's URL. */
  loginUrl?: string;
  /** Renew this long before the token expires. @default 60000 */
  refreshMarginMs?: number;
  fetch?: typeof fetch;
}

/**
 * OAuth client-credentials grant for Genesys Cloud: the token is cached until shortly before it
 * expires, and concurrent calls share one token request.
 *
 * @example
 * const textbots = createTextbotsClient({ region: 'mypurecloud.ie', auth: clientCredentials({ clientId, clientSecret, region: 'mypurecloud.ie' }) });
 */
export function clientCredentials(options: ClientCredentialsOptions): { getAccessToken: AccessTokenSource } {
  const tokenUrl = `${(options.loginUrl ?? `https://login.${options.region ?? 'mypurecloud.com'}`).replace(/\/$/, '')}/oauth/token`;
  const margin = options.refreshMarginMs ?? 60_000;
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function requestToken(): Promise<string> {
    const doFetch = options.fetch ?? globalThis.fetch;
    const response = await doFetch(tokenUrl, {
      method: 'POST',
      headers: { Authorization: `Basic ${base64(`${options.clientId}:${options.clientSecret}`)}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      /* a non-JSON answer is reported by status below */
    }
    if (!response.ok || typeof body.access_token !== 'string') {
      throw ApiError.from({ status: response.ok ? 502 : response.status, method: 'POST', url: tokenUrl, body: { code: body.error, message: body.error_description }, headers: response.headers });
    }
    const ttl = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 3_600_000;
    cached = { token: body.access_token, expiresAt: Date.now() + ttl };
    return body.access_token;
  }

  return {
    getAccessToken({ forceRefresh }) {
      if (!forceRefresh && cached && Date.now() < cached.expiresAt - margin) return cached.token;
      if (forceRefresh) cached = undefined;
      inFlight ??= requestToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}

/** The `Authorization` value an operation needs, or undefined for an anonymous one. */
export async function authorizationFor(kind: AuthKind, auth: GenesysAuth & Partial<BasicAuth> | undefined, forceRefresh: boolean): Promise<string | undefined> {
  switch (kind) {
    case 'none':
      return undefined;
    case 'oauth': {
      const token = auth?.getAccessToken ? await auth.getAccessToken({ forceRefresh }) : auth?.accessToken;
      if (!token) throw new TypeError('this operation needs a Genesys OAuth token: pass auth.accessToken, auth.getAccessToken or clientCredentials(...)');
      return `Bearer ${token}`;
    }
    case 'guest': {
      const jwt = typeof auth?.guestJwt === 'function' ? await auth.guestJwt() : auth?.guestJwt;
      if (!jwt) throw new TypeError('this guest operation needs auth.guestJwt (the jwt of the created conversation)');
      return `Bearer ${jwt}`;
    }
    case 'basic':
      if (!auth?.username || auth.password === undefined) throw new TypeError('this operation needs auth.username and auth.password (HTTP Basic)');
      return `Basic ${base64(`${auth.username}:${auth.password}`)}`;
  }
}

/** Whether a 401 can be healed by asking for a new token once. */
export function canRefresh(kind: AuthKind, auth: GenesysAuth | undefined): boolean {
  return kind === 'oauth' && typeof auth?.getAccessToken === 'function';
}
