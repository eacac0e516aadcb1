/**
 * The OAuth client-credentials token request itself (RFC 6749 §4.4), one attempt. Caching, sharing
 * and waiting are auth.ts's; this only sends, reads and turns every failure into this package's errors.
 */
import { ApiError, NetworkError } from './errors.js';
import type { SecretRegistry } from './secrets.js';

export interface TokenEndpoint {
  url: string;
  /** `Basic <base64(clientId:clientSecret)>`. */
  authorization: string;
  /** The client secret and its Basic value, scrubbed from anything the login host answers. */
  secrets: SecretRegistry;
}

export interface IssuedToken {
  accessToken: string;
  expiresInMs: number;
}

/** Used when the login host gives no `expires_in`. */
const DEFAULT_TOKEN_TTL_MS = 3_600_000;

/** Sends one token request; rejects with `NetworkError`, an `ApiError`, or the signal's reason. */
export async function requestClientCredentialsToken(endpoint: TokenEndpoint, fetchImpl: typeof fetch, signal: AbortSignal): Promise<IssuedToken> {
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(endpoint.url, {
      method: 'POST',
      headers: { Authorization: endpoint.authorization, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: 'grant_type=client_credentials',
      signal,
    });
    text = await response.text();
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    throw new NetworkError('POST', endpoint.url, { cause: err, secrets: endpoint.secrets });
  }
  const body = parseObject(text);
  if (!response.ok || typeof body.access_token !== 'string' || body.access_token === '') {
    // A 200 without a token is the login host misbehaving: reported as a bad gateway.
    const status = response.ok ? 502 : response.status;
    throw ApiError.from({ status, method: 'POST', url: endpoint.url, body: { code: body.error, message: body.error_description }, headers: response.headers, secrets: endpoint.secrets });
  }
  const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : DEFAULT_TOKEN_TTL_MS;
  return { accessToken: body.access_token, expiresInMs: expiresIn };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
