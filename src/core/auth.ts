import { base64 } from './base64.js';
import { ConfigurationError } from './errors.js';
import type { AuthKind } from './operation.js';
import { isSecretSource, SecretRegistry } from './secrets.js';
import { requestClientCredentialsToken, type TokenEndpoint } from './token-request.js';

/** What the client tells a token source when it asks for a token. */
export interface AccessTokenContext {
  /** Set once after the server refused the last token. */
  forceRefresh: boolean;
  /** Aborts when the caller aborts or the attempt's timeout passes: stop waiting then. */
  signal?: AbortSignal | undefined;
  /** The client's transport (in Node the keep-alive node:http one), for a token request of its own. */
  fetch?: typeof fetch | undefined;
}

/** Asks for a Genesys access token. */
export type AccessTokenSource = (context: AccessTokenContext) => string | Promise<string>;

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
  /** The transport for the token request. @default the client's own `fetch` */
  fetch?: typeof fetch;
}

/** What {@link clientCredentials} returns: pass it as a client's `auth`. */
export interface ClientCredentialsAuth {
  getAccessToken: AccessTokenSource;
  /** The client secret and the tokens obtained so far, for the client's redaction by value. */
  secretValues(): readonly string[];
}

/** Tokens remembered for redaction after they are replaced (a late echo of an old token). */
const REMEMBERED_TOKENS = 8;

/**
 * OAuth client-credentials grant for Genesys Cloud: the token is cached until shortly before it
 * expires, and concurrent calls share one token request. Each caller waits for it only as long as its
 * own `signal` and `timeout` allow; one caller giving up does not cancel it for the others, and it is
 * cancelled once no caller waits any more. The request goes through the client's transport.
 *
 * @example
 * const textbots = createTextbotsClient({ region: 'mypurecloud.ie', auth: clientCredentials({ clientId, clientSecret, region: 'mypurecloud.ie' }) });
 */
export function clientCredentials(options: ClientCredentialsOptions): ClientCredentialsAuth {
  const endpoint: TokenEndpoint = {
    url: `${(options.loginUrl ?? `https://login.${options.region ?? 'mypurecloud.com'}`).replace(/\/$/, '')}/oauth/token`,
    authorization: `Basic ${base64(`${options.clientId}:${options.clientSecret}`)}`,
    secrets: new SecretRegistry(),
  };
  endpoint.secrets.add(options.clientSecret);
  endpoint.secrets.addBasic(options.clientId, options.clientSecret);
  const margin = options.refreshMarginMs ?? 60_000;
  const issued: string[] = [];
  let cached: { token: string; expiresAt: number } | undefined;
  let shared: SharedRequest | undefined;

  function start(fetchImpl: typeof fetch): SharedRequest {
    const controller = new AbortController();
    const request: SharedRequest = {
      waiters: 0,
      abandon(reason) {
        if (shared === request) shared = undefined;
        controller.abort(reason);
      },
      promise: requestClientCredentialsToken(endpoint, fetchImpl, controller.signal).then((token) => {
        // The monotonic clock: a wall clock set back or forward neither keeps a token past its life nor drops it early.
        cached = { token: token.accessToken, expiresAt: performance.now() + token.expiresInMs };
        issued.push(token.accessToken);
        if (issued.length > REMEMBERED_TOKENS) issued.shift();
        return token.accessToken;
      }),
    };
    const done = () => {
      if (shared === request) shared = undefined;
    };
    request.promise.then(done, done);
    return request;
  }

  return {
    // `context.signal` is read only when there is something to wait for: the client makes it on demand.
    getAccessToken(context) {
      if (!context.forceRefresh && cached && performance.now() < cached.expiresAt - margin) return cached.token;
      if (context.forceRefresh) cached = undefined;
      shared ??= start(options.fetch ?? context.fetch ?? ((input, init) => globalThis.fetch(input, init)));
      return waitFor(shared, context.signal);
    },
    secretValues: () => [options.clientSecret, endpoint.authorization.slice('Basic '.length), ...issued],
  };
}

interface SharedRequest {
  promise: Promise<string>;
  waiters: number;
  /** Cancels the request and lets the next caller start a fresh one. */
  abandon(reason: unknown): void;
}

/** One caller's wait for the shared token request, ended early by its own signal only. */
function waitFor(request: SharedRequest, signal: AbortSignal | undefined): Promise<string> {
  signal?.throwIfAborted();
  request.waiters++;
  return new Promise<string>((resolve, reject) => {
    const leave = () => {
      signal?.removeEventListener('abort', onAbort);
      request.waiters--;
    };
    const onAbort = () => {
      leave();
      // Nobody waits any more: stop the request instead of leaving it to hang.
      if (request.waiters === 0) request.abandon(signal!.reason);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.promise.then(
      (token) => (leave(), resolve(token)),
      (error: unknown) => (leave(), reject(error)),
    );
  });
}

/** What {@link authorizationFor} needs besides the credentials. */
export interface AuthorizationContext extends AccessTokenContext {
  /** Every credential resolved here is remembered for redaction. */
  secrets?: SecretRegistry | undefined;
}

/**
 * The `Authorization` value an operation needs, or undefined for an anonymous one. A credential at
 * hand comes back as is; one that must be asked for (a token source, a JWT function) as a promise.
 */
export function authorizationFor(kind: AuthKind, auth: GenesysAuth & Partial<BasicAuth> | undefined, context: AuthorizationContext): string | undefined | Promise<string> {
  switch (kind) {
    case 'none':
      return undefined;
    case 'oauth':
      // Handed on as is, not copied: its `signal` may be made on first read.
      return withScheme('Bearer', auth?.getAccessToken ? auth.getAccessToken(context) : auth?.accessToken, context.secrets, 'this operation needs a Genesys OAuth token: pass auth.accessToken, auth.getAccessToken or clientCredentials(...)');
    case 'guest':
      return withScheme('Bearer', typeof auth?.guestJwt === 'function' ? auth.guestJwt() : auth?.guestJwt, context.secrets, 'this guest operation needs auth.guestJwt (the jwt of the created conversation)');
    case 'basic':
      if (!auth?.username || auth.password === undefined) throw new ConfigurationError('this operation needs auth.username and auth.password (HTTP Basic)');
      return `Basic ${base64(`${auth.username}:${auth.password}`)}`;
  }
}

function withScheme(scheme: string, credential: string | undefined | Promise<string>, secrets: SecretRegistry | undefined, missing: string): string | Promise<string> {
  if (credential !== null && typeof credential === 'object') return credential.then((value) => withScheme(scheme, value, secrets, missing) as string);
  if (!credential) throw new ConfigurationError(missing);
  secrets?.add(credential);
  return `${scheme} ${credential}`;
}

/** A registry seeded with every secret the credentials hold now or will hand out. */
export function secretsOf(auth: GenesysAuth & Partial<BasicAuth> | undefined): SecretRegistry {
  const registry = new SecretRegistry();
  registry.add(auth?.accessToken);
  if (typeof auth?.guestJwt === 'string') registry.add(auth.guestJwt);
  if (auth?.username !== undefined && auth.password !== undefined) registry.addBasic(auth.username, auth.password);
  if (isSecretSource(auth)) registry.addSource(auth);
  return registry;
}

/** Whether a 401 can be healed by asking for a new token once. */
export function canRefresh(kind: AuthKind, auth: GenesysAuth | undefined): boolean {
  return kind === 'oauth' && typeof auth?.getAccessToken === 'function';
}
