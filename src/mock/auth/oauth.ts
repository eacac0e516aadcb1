/**
 * What Genesys' login host does for server-side integrations: the client-credentials grant at
 * `POST /oauth/token` (client authenticated by HTTP Basic, or by client_id/client_secret in the form),
 * opaque bearer tokens that expire, and the bearer check of the API host with scopes.
 */
import { fromBase64, fromUtf8, randomToken, sameSecret } from '../bytes.js';
import { MockError } from '../errors.js';
import { OAUTH_CLIENTS, type Scope } from '../fixtures.js';
import { BoundedMap } from '../store.js';

interface TokenRecord {
  clientId: string;
  scopes: Scope[];
  /** ms since epoch; Infinity for the pre-issued fixture tokens. */
  expiresAt: number;
}

export type TokenLookup = { ok: true; scopes: Scope[] } | { ok: false; reason: 'unknown' | 'expired' };

export class TokenStore {
  readonly #tokens: BoundedMap<string, TokenRecord>;
  /** The pre-issued tokens must outlive any eviction, so they sit outside the bounded map. */
  readonly #fixed = new Map<string, TokenRecord>();

  constructor(
    cap: number,
    readonly ttlSeconds: number,
    preIssued: Array<[token: string, scopes: Scope[]]>,
  ) {
    this.#tokens = new BoundedMap(cap);
    for (const [token, scopes] of preIssued) this.#fixed.set(token, { clientId: 'fixture', scopes, expiresAt: Infinity });
  }

  issue(clientId: string, scopes: Scope[], now = Date.now()): { token: string; expiresIn: number } {
    const token = randomToken(24);
    this.#tokens.set(token, { clientId, scopes, expiresAt: now + this.ttlSeconds * 1000 });
    return { token, expiresIn: Math.ceil(this.ttlSeconds) };
  }

  lookup(token: string, now = Date.now()): TokenLookup {
    const record = this.#fixed.get(token) ?? this.#tokens.get(token);
    if (!record) return { ok: false, reason: 'unknown' };
    if (now >= record.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, scopes: record.scopes };
  }
}

function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): MockError {
  return new MockError(status, error, description, headers ? { headers } : {});
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i);
  if (!match?.[1]) return undefined;
  const bytes = fromBase64(match[1]);
  if (!bytes) return undefined;
  const decoded = fromUtf8(bytes);
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unform = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
}

/** POST /oauth/token. `form` is the parsed x-www-form-urlencoded body. */
export function tokenEndpoint(store: TokenStore, authorization: string | undefined, form: URLSearchParams): Record<string, unknown> {
  const grantType = form.get('grant_type');
  if (!grantType) throw oauthError(400, 'invalid_request', 'The grant_type parameter is missing.');
  if (grantType !== 'client_credentials') {
    throw oauthError(400, 'unsupported_grant_type', `The grant type ${grantType} is not supported by this mock; use client_credentials.`);
  }
  const fromHeader = basicCredentials(authorization);
  const bodyId = form.get('client_id');
  const credentials = fromHeader ?? (bodyId ? { id: bodyId, secret: form.get('client_secret') ?? '' } : undefined);
  const challenge = fromHeader ? { 'WWW-Authenticate': 'Basic realm="mock login"' } : undefined;
  if (!credentials) throw oauthError(401, 'invalid_client', 'Client authentication is required (HTTP Basic or client_id/client_secret).', challenge);
  const client = OAUTH_CLIENTS.find((c) => c.id === credentials.id);
  if (!client || !sameSecret(client.secret, credentials.secret)) {
    throw oauthError(401, 'invalid_client', 'client not found or wrong secret', challenge);
  }
  let scopes = client.scopes;
  const requested = form.get('scope');
  if (requested) {
    const wanted = requested.split(/\s+/).filter(Boolean);
    const missing = wanted.filter((s) => !client.scopes.includes(s as Scope));
    if (missing.length > 0) throw oauthError(400, 'invalid_scope', `The client is not allowed the scope(s): ${missing.join(' ')}`);
    scopes = wanted as Scope[];
  }
  const { token, expiresIn } = store.issue(client.id, scopes);
  return { access_token: token, token_type: 'bearer', expires_in: expiresIn, scope: scopes.join(' ') };
}

/** Bearer check of a Genesys OAuth operation; throws 401/403 in Genesys terms. */
export function requireScopes(store: TokenStore, authorization: string | undefined, alternatives: readonly (readonly string[])[]): void {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) {
    throw new MockError(401, 'authentication.required', 'No authentication bearer token specified in authorization header.');
  }
  const found = store.lookup(match[1]);
  if (!found.ok) {
    if (found.reason === 'expired') throw new MockError(401, 'credentials.expired', 'The supplied credentials are expired and cannot be used.');
    throw new MockError(401, 'bad.credentials', 'Invalid login credentials.');
  }
  const held = new Set<string>(found.scopes);
  if (alternatives.length === 0 || alternatives.some((needed) => needed.every((s) => held.has(s)))) return;
  const scope = alternatives.map((a) => a.join(' ')).join(' or ');
  throw new MockError(403, 'app.not.authorized.for.scope', `App not authorized to use scope ${scope}`, {
    messageWithParams: 'App not authorized to use scope {scope}',
    messageParams: { scope },
  });
}
