/**
 * The request pipeline: one linear function, in the order the real services apply their checks.
 *
 *   preflight → route → count → faults → Host → path ids → size → auth → body (415/400) → spec validation → handler
 *
 * Anything a handler throws becomes a response in the vendor's shape (MockError → its status and code,
 * anything else → 500), so no request can take the process down.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireSubscriber } from './auth/basic.js';
import { requireGuest, type GuestClaims, type GuestJwt } from './auth/guest-jwt.js';
import { requireScopes, tokenEndpoint, type TokenStore } from './auth/oauth.js';
import { BodyTooLarge, declaredTooLarge, drain, hasBody, isJson, MAX_JSON_DEPTH, mediaType, nestsDeeperThan, readBody } from './body.js';
import type { Handlers } from './context.js';
import { genericError, MockError, type Vendor } from './errors.js';
import type { FaultEngine } from './faults.js';
import { sendError, sendJson, sendPreflight, type ResponseIds } from './respond.js';
import type { Router } from './router.js';
import type { ApiName, OperationMeta } from './spec.js';
import type { SpecValidator } from './validation.js';
import { validationError } from './validation-errors.js';

export interface Runtime {
  router: Router;
  validators: Record<ApiName, SpecValidator>;
  handlers: Handlers;
  faults: FaultEngine;
  counts: Map<string, number>;
  tokens: TokenStore;
  jwt: GuestJwt;
  maxBodyBytes: number;
  /** Waits in progress (latency faults), so close() can cut them short. */
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

function splitUrl(url: string): { path: string; query: string } {
  // Absolute-form request targets (proxies) carry the origin too.
  const target = url.startsWith('/') ? url : url.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: withoutEmptyValues(target.slice(q + 1)) };
}

export async function handle(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ids: ResponseIds = { vendor: 'genesys', correlationId: randomUUID(), requestUuid: randomUUID() };
  try {
    // 1. CORS preflight: always allowed, never faulted.
    if (req.method === 'OPTIONS') {
      count(rt, 'preflight');
      sendPreflight(req, res);
      return;
    }
    const method = req.method ?? 'GET';
    const { path, query } = splitUrl(req.url ?? '/');

    // 2. Route, and count the request under its operation before anything can refuse it.
    const route = rt.router.match(method, path);
    const key = route.kind === 'operation' || route.kind === 'bad-param' ? route.op.operationId : route.kind === 'oauth-token' ? 'oauthToken' : 'unknown';
    count(rt, key);
    ids.vendor = route.kind === 'operation' || route.kind === 'bad-param' ? route.op.vendor : route.kind === 'oauth-token' ? 'oauth' : route.vendor;

    // 3. Injected faults.
    if (rt.faults.active) {
      const fault = rt.faults.decide(key);
      if (fault.delayMs > 0) await rt.sleep(fault.delayMs);
      if (fault.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'rate-limit' || (fault.kind === 'status' && fault.status === 429)) {
        const seconds = fault.retryAfterSeconds;
        throw genericError(ids.vendor, 429, seconds, { headers: { 'Retry-After': String(seconds) } });
      }
      if (fault.kind === 'status') throw genericError(ids.vendor, fault.status);
    }

    // 4. HTTP/1.1 requires Host (Node's own refusal would be an empty 400, so the mock checks it here).
    if (req.headers.host === undefined && req.httpVersion === '1.1') throw badRequest(ids.vendor, 'An HTTP/1.1 request must carry a Host header.', 'Host');

    // 5. Unknown routes, unsafe path ids, a declared size over the cap (the body is then drained, bounded,
    //    so the client can finish sending and read the 413).
    if (route.kind === 'unknown') throw genericError(ids.vendor, 404);
    if (route.kind === 'bad-param') throw badParam(route.op, route.param, route.value);
    if (declaredTooLarge(req, rt.maxBodyBytes)) {
      drain(req);
      throw tooLarge(ids.vendor, rt.maxBodyBytes);
    }

    if (route.kind === 'oauth-token') {
      const raw = await readBody(req, rt.maxBodyBytes);
      const type = mediaType(req);
      if (raw.length > 0 && type !== 'application/x-www-form-urlencoded') {
        throw new MockError(415, 'invalid_request', 'The token request must be application/x-www-form-urlencoded.');
      }
      const token = tokenEndpoint(rt.tokens, req.headers.authorization, new URLSearchParams(raw.toString('utf8')));
      sendJson(req, res, ids, 200, token);
      return;
    }
    const { op, params, specPath } = route;

    // 6. Authentication and authorization, before the body is even read (as the vendors' gateways do).
    let guest: GuestClaims | undefined;
    const authorization = req.headers.authorization;
    if (op.auth === 'oauth') requireScopes(rt.tokens, authorization, op.scopeAlternatives);
    else if (op.auth === 'guest') guest = requireGuest(rt.jwt, authorization, params.conversationId ?? '', actingMember(op, params));
    else if (op.auth === 'basic') requireSubscriber(authorization, params.departmentUUID ?? '', ids.requestUuid);

    // 7. The body: size, media type, nesting depth, JSON.
    const body = await parseBody(req, op, ids.vendor, rt.maxBodyBytes);

    // 8. The spec.
    const validator = rt.validators[op.api];
    const checked = validator.validateRequest(op, { method, path: specPath, query, headers: req.headers, body });
    if (checked.issues.length > 0) throw validationError(op, checked.issues, body, Object.fromEntries(new URLSearchParams(query)));

    // 9. The handler.
    const handler = rt.handlers[op.operationId];
    if (!handler) throw genericError(ids.vendor, 404);
    const reply = handler({ op, params, query: checked.query, body, headers: req.headers, correlationId: ids.correlationId, requestUuid: ids.requestUuid, guest, now: Date.now() });
    sendJson(req, res, ids, reply.status, reply.body, reply.headers);
  } catch (err) {
    fail(req, res, ids, err, rt.maxBodyBytes);
  }
}

/** Guest write operations act as a member; the JWT must be that member's. */
function actingMember(op: OperationMeta, params: Record<string, string>): string | undefined {
  return op.method !== 'GET' && params.memberId !== undefined ? params.memberId : undefined;
}

function badParam(op: OperationMeta, name: string, value: string): MockError {
  if (op.vendor === 'mykaarma') {
    const code = name === 'userUUID' ? 'INVALID_USER' : 'INVALID_DEALER_DEPARTMENT_ID';
    return new MockError(400, code, `${name} ${JSON.stringify(value)} is not a valid id`);
  }
  return new MockError(400, 'bad.request', `Value [${value}] is not valid for path parameter [${name}]`, {
    details: [{ errorCode: 'bad.request', fieldName: name }],
  });
}

/**
 * The 413 is answered keep-alive: the pipeline drains the refused body (up to DRAIN_LIMIT), so the client
 * can finish writing and read the answer; closing at once made clients meet EPIPE/ECONNRESET instead.
 */
function tooLarge(vendor: Vendor, limit: number): MockError {
  return genericError(vendor, 413, limit);
}

/** The vendor's generic 400 with a message of the mock's own. */
function badRequest(vendor: Vendor, message: string, fieldName = 'body'): MockError {
  return vendor === 'mykaarma'
    ? new MockError(400, 'INVALID_REQUEST', message)
    : vendor === 'oauth'
      ? new MockError(400, 'invalid_request', message)
      : new MockError(400, 'bad.request', message, { details: [{ errorCode: 'bad.request', fieldName }] });
}

async function parseBody(req: IncomingMessage, op: OperationMeta, vendor: Vendor, limit: number): Promise<unknown> {
  if (!op.hasBody) {
    // Operations without a body ignore one, but still within the size cap.
    if (hasBody(req)) await readBody(req, limit);
    return undefined;
  }
  const raw = hasBody(req) ? await readBody(req, limit) : Buffer.alloc(0);
  if (raw.length === 0) {
    if (!op.bodyRequired) return undefined;
    throw vendor === 'mykaarma' ? badRequest(vendor, 'Required request body is missing') : badRequest(vendor, 'A request body is required.');
  }
  const type = mediaType(req);
  if (!isJson(type)) {
    throw genericError(vendor, 415, undefined, {});
  }
  // Before parsing: what nests deeper than this can be neither validated nor rendered back safely.
  if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
    throw badRequest(vendor, `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'invalid JSON';
    throw badRequest(vendor, vendor === 'mykaarma' ? `Malformed JSON request: ${reason}` : `The request could not be understood by the server due to malformed syntax: ${reason}`);
  }
}

function fail(req: IncomingMessage, res: ServerResponse, ids: ResponseIds, err: unknown, limit: number): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  // A refusal before the body was read: discard it (bounded) rather than let Node read it without limit.
  if (!req.complete) drain(req);
  if (err instanceof MockError) {
    sendError(req, res, ids, err);
    return;
  }
  if (err instanceof BodyTooLarge) {
    sendError(req, res, ids, tooLarge(ids.vendor, limit));
    return;
  }
  // A client that hangs up mid-body is no error of ours; anything else is a mock bug, reported as 500.
  // (req.destroyed is no sign of that: a request stream is destroyed once its body has been read.)
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET' || req.socket.destroyed) return;
  const message = err instanceof Error ? err.message : String(err);
  sendError(req, res, ids, genericError(ids.vendor, 500, undefined, { details: [{ errorCode: 'mock.internal', entityName: message.slice(0, 200) }] }));
}
