/**
 * The request pipeline: one linear function, in the order the real services apply their checks.
 *
 *   preflight → route → count → faults → Host → path ids → size → auth → body (415/400) → rule set → handler
 *
 * Every fact about an operation (route, auth kind, scopes, body, success status) comes from the
 * generated operation table; every word of an answer comes from the profile of the request's API. Anything
 * a handler throws becomes a response in the vendor's shape (MockError → its status and code, anything
 * else → 500), so no request can take the mock down.
 */
import { rawParams } from '../core/rules-raw.js';
import { isJsonMediaType, requestIssues } from '../core/validate.js';
import { OAUTH_TOKEN_PATH, PROFILES, profileOfPath, type ServedOperation } from './apis.js';
import { requireSubscriber } from './auth/basic.js';
import { requireGuest, type GuestClaims, type GuestJwt } from './auth/guest-jwt.js';
import { requireScopes, tokenEndpoint, type TokenStore } from './auth/oauth.js';
import { BodyTooLarge, MAX_JSON_DEPTH, mediaType, nestsDeeperThan, textOf } from './body.js';
import type { Handler, HandlerRequest, Handlers, OperationId } from './context.js';
import { MockError } from './errors.js';
import type { MockAnswer, MockExchange } from './exchange.js';
import type { FaultEngine } from './faults.js';
import type { Profile } from './profiles/profile.js';
import { errorAnswer, jsonAnswer, preflight, type Answering } from './response.js';
import type { Router } from './router.js';

/** Who answers until the route is known (a preflight): the API served at the root. */
const ROOT_PROFILE = profileOfPath('/');

export interface Runtime {
  router: Router;
  handlers: Handlers;
  faults: FaultEngine;
  counts: Map<string, number>;
  tokens: TokenStore;
  jwt: GuestJwt;
  maxBodyBytes: number;
  /** Waits that close() can cut short (latency faults). */
  sleep(ms: number): Promise<void>;
}

function count(rt: Runtime, key: string): void {
  rt.counts.set(key, (rt.counts.get(key) ?? 0) + 1);
}

/**
 * `?sortOrder=&maxResults=` means "not given" to the real services: the vendor's own guest SDK sends
 * every optional query parameter, empty when unset. Dropping empty values keeps the SDK working.
 */
function withoutEmptyValues(query: string): string {
  if (!query.includes('=&') && !query.endsWith('=')) return query;
  return query
    .split('&')
    .filter((pair) => pair !== '' && !pair.endsWith('='))
    .join('&');
}

function splitTarget(target: string): { path: string; query: string } {
  // Absolute-form request targets (proxies) carry the origin too.
  const origin = target.startsWith('/') ? target : target.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
  const q = origin.indexOf('?');
  return q < 0 ? { path: origin, query: '' } : { path: origin.slice(0, q), query: withoutEmptyValues(origin.slice(q + 1)) };
}

export async function handle(rt: Runtime, req: MockExchange): Promise<MockAnswer> {
  const who: Answering = { profile: ROOT_PROFILE, requestId: crypto.randomUUID() };
  try {
    // 1. CORS preflight: always allowed, never faulted.
    if (req.method === 'OPTIONS') {
      count(rt, 'preflight');
      return preflight(req);
    }
    const { path, query } = splitTarget(req.target);

    // 2. Route, and count the request under its operation before anything can refuse it.
    const route = rt.router.match(req.method, path);
    const key = route.kind === 'operation' || route.kind === 'bad-param' ? route.op.def.id : route.kind === 'oauth-token' ? 'oauthToken' : 'unknown';
    count(rt, key);
    who.profile = route.kind === 'operation' || route.kind === 'bad-param' ? route.op.api.profile : route.kind === 'oauth-token' ? PROFILES.oauth : route.profile;
    const { profile } = who;

    // 3. Injected faults.
    if (rt.faults.active) {
      const fault = rt.faults.decide(key);
      if (fault.delayMs > 0) await rt.sleep(fault.delayMs);
      if (fault.kind === 'drop') return { kind: 'drop' };
      if (fault.kind === 'rate-limit' || (fault.kind === 'status' && fault.status === 429)) {
        const seconds = fault.retryAfterSeconds;
        throw profile.generic(429, seconds, { headers: { 'Retry-After': String(seconds) } });
      }
      if (fault.kind === 'status') throw profile.generic(fault.status);
    }

    // 4. HTTP/1.1 requires Host (Node's own refusal would be an empty 400, so the mock checks it here).
    if (req.hostMissing) throw profile.badRequest('An HTTP/1.1 request must carry a Host header.', 'Host');

    // 5. Unknown routes, unsafe path ids, a declared size over the cap (the adapter then drains the
    //    body, bounded, so the client can finish sending and read the 413).
    if (route.kind === 'unknown') throw profile.generic(404);
    if (route.kind === 'bad-param') throw profile.badPathParam(route.op.def, route.param, route.value);
    const declared = Number(req.header('content-length'));
    if (Number.isFinite(declared) && declared > rt.maxBodyBytes) throw profile.generic(413, rt.maxBodyBytes);

    if (route.kind === 'oauth-token') {
      const raw = req.hasBody ? await req.readBody(rt.maxBodyBytes) : new Uint8Array();
      if (raw.length > 0 && mediaType(req.header('content-type')) !== 'application/x-www-form-urlencoded') {
        throw new MockError(415, 'invalid_request', 'The token request must be application/x-www-form-urlencoded.');
      }
      return jsonAnswer(req, who, 200, tokenEndpoint(rt.tokens, req.header('authorization'), new URLSearchParams(textOf(raw))));
    }
    const { op, params } = route;

    // 6. Authentication and authorization, before the body is even read (as the vendors' gateways do).
    const claims = authenticate(rt, op, params, req.header('authorization'), who.requestId);
    const guest = claims instanceof Promise ? await claims : claims;

    // 7. The body: size, media type, nesting depth, JSON.
    const body = op.def.body === 'none' && !req.hasBody ? undefined : await parseBody(req, op, profile, rt.maxBodyBytes);

    // 8. The rule set the clients check with: a request one refuses, the other refuses.
    const search = new URLSearchParams(query);
    const typed = rawParams(op.def, { path: params, query: search });
    const issues = requestIssues(op.def, { params: typed, body }, true);
    if (issues.length > 0) throw profile.invalidRequest(op.def, issues, { body, query: search });

    // 9. The handler; the success status is the table's.
    const handler = rt.handlers[op.def.id as OperationId] as Handler<OperationId> | undefined;
    if (!handler) throw profile.generic(404);
    const request = { operationId: op.def.id, params, query: typed.query ?? {}, body, header: (name: string) => req.header(name), requestId: who.requestId, guest, now: Date.now() };
    const replied = handler(request as HandlerRequest);
    const reply = replied instanceof Promise ? await replied : replied;
    return jsonAnswer(req, who, op.facts.successStatus, reply.body, reply.headers);
  } catch (err) {
    return errorAnswer(req, who, asMockError(err, who.profile, rt.maxBodyBytes));
  }
}

/** The guest's claims for guest operations (a promise only when the JWT was never verified before). */
function authenticate(rt: Runtime, op: ServedOperation, params: Record<string, string>, authorization: string | undefined, requestId: string): GuestClaims | Promise<GuestClaims> | undefined {
  switch (op.def.auth) {
    case 'oauth':
      requireScopes(rt.tokens, authorization, op.facts.scopes);
      return undefined;
    case 'guest':
      // Guest write operations act as a member; the JWT must be that member's.
      return requireGuest(rt.jwt, authorization, params.conversationId ?? '', op.def.method !== 'GET' ? params.memberId : undefined);
    case 'basic':
      requireSubscriber(authorization, params.departmentUUID ?? '', requestId);
      return undefined;
    case 'none':
      return undefined;
  }
}

async function parseBody(req: MockExchange, op: ServedOperation, profile: Profile, limit: number): Promise<unknown> {
  if (op.def.body === 'none') {
    // Operations without a body ignore one, but still within the size cap.
    if (req.hasBody) await req.readBody(limit);
    return undefined;
  }
  const raw = req.hasBody ? await req.readBody(limit) : new Uint8Array();
  if (raw.length === 0) {
    if (op.def.body === 'optional') return undefined;
    throw profile.bodyMissing();
  }
  if (!isJsonMediaType(req.header('content-type') ?? '')) throw profile.generic(415);
  // Before parsing: what nests deeper than this can be neither validated nor rendered back safely.
  if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) throw profile.badRequest(`The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(textOf(raw)) as unknown;
  } catch (e) {
    throw profile.malformedJson(e instanceof Error ? e.message : 'invalid JSON');
  }
}

/** A refusal as it is answered; anything that is no refusal is a mock bug, answered 500. */
function asMockError(err: unknown, profile: Profile, limit: number): MockError {
  if (err instanceof MockError) return err;
  if (err instanceof BodyTooLarge) return profile.generic(413, limit);
  const message = err instanceof Error ? err.message : String(err);
  return profile.generic(500, undefined, { details: [{ errorCode: 'mock.internal', entityName: message.slice(0, 200) }] });
}
