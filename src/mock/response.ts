/**
 * Answers as the core writes them: CORS (so a page on another origin can call the mock, including the
 * preflight for `Authorization` and `Content-Type`), the profile's id headers, JSON bodies and the
 * profile's error shapes. `Content-Length` is the adapter's to add (it knows how it encodes the text).
 */
import type { MockAnswer, MockExchange } from './exchange.js';
import type { MockError } from './errors.js';
import type { Profile } from './profiles/profile.js';

export const EXPOSED_HEADERS = 'ININ-Correlation-Id, Retry-After, X-Request-Uuid, WWW-Authenticate';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, ININ-Correlation-Id, X-Request-Uuid';
const JSON_TYPE = 'application/json; charset=UTF-8';

/** Who answers a request: the profile of its API and the id the answer carries. */
export interface Answering {
  profile: Profile;
  requestId: string;
}

export function corsHeaders(origin: string | undefined): Record<string, string> {
  // Echoing the origin (rather than `*`) also serves pages that fetch with credentials: 'include'.
  return origin
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': EXPOSED_HEADERS, Vary: 'Origin' }
    : { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
}

export function preflight(req: MockExchange): MockAnswer {
  const requested = req.header('access-control-request-headers');
  return {
    kind: 'response',
    status: 204,
    headers: {
      ...corsHeaders(req.header('origin')),
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': requested ? `${ALLOWED_HEADERS}, ${requested}` : ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    },
  };
}

export function jsonAnswer(req: MockExchange, who: Answering, status: number, body: unknown, extra?: Record<string, string>): MockAnswer {
  const headers = corsHeaders(req.header('origin'));
  Object.assign(headers, who.profile.idHeaders(who.requestId));
  if (extra) Object.assign(headers, extra);
  if (status === 204 || body === undefined) return { kind: 'response', status, headers };
  headers['Content-Type'] = JSON_TYPE;
  return { kind: 'response', status, headers, body: JSON.stringify(body) };
}

export function errorAnswer(req: MockExchange, who: Answering, err: MockError): MockAnswer {
  return jsonAnswer(req, who, err.status, who.profile.errorBody(err, who.requestId), err.extra.headers);
}

/**
 * The headers and text of an error answered outside any request (malformed HTTP, a refused event
 * stream handshake): `*` CORS, the profile's id headers, the error's own headers.
 */
export function detachedError(profile: Profile, err: MockError): { headers: Record<string, string>; text: string } {
  const requestId = crypto.randomUUID();
  return {
    headers: { ...corsHeaders(undefined), ...profile.idHeaders(requestId), ...err.extra.headers, 'Content-Type': JSON_TYPE },
    text: JSON.stringify(profile.errorBody(err, requestId)),
  };
}
