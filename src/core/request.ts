/**
 * The request pipeline of every generated method, in the order things happen. It is one linear
 * function on purpose: the steps depend on each other (a 401 refresh does not use up a retry, an
 * abort must stop a pending retry wait), and reading them top to bottom is the documentation.
 */
import { createFinalURL, type QuerySerializer } from 'openapi-fetch';
import { authorizationFor, canRefresh, type BasicAuth, type GenesysAuth } from './auth.js';
import { ApiError, NetworkError, TimeoutError, ValidationError } from './errors.js';
import { isIdempotent, type OperationDef } from './operation.js';
import type { CallOptions, ResolvedCommon } from './options.js';
import { scrub, scrubDeep } from './redact.js';
import { decideRetry, resolveRetryPolicy } from './retry.js';
import { encodePathParams } from './transport.js';
import { checkRequest, issuesOf, type Validator } from './validate.js';

export interface ClientContext extends ResolvedCommon<GenesysAuth & Partial<BasicAuth>> {
  /** openapi-fetch's query serializer, built once per client. */
  querySerializer: QuerySerializer<unknown>;
  loadResponseValidators: () => Promise<Record<string, Validator | undefined>>;
  responseValidators?: Promise<Record<string, Validator | undefined>>;
}

export interface CallInit extends CallOptions {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
}

type Attempt = { data?: unknown; error?: unknown; response: Response };

export async function callOperation(ctx: ClientContext, def: OperationDef, init: CallInit = {}): Promise<unknown> {
  const { signal, retry, params, body } = init;
  const timeout = init.timeout ?? ctx.timeout;
  const headers: Record<string, string> = init.headers ? { ...ctx.headers, ...init.headers } : ctx.headers;

  // 1. Refuse bad input before anything is sent: the server sees no request at all.
  checkRequest(def, { params, body, headers }, ctx.validate !== false);

  const policy = resolveRetryPolicy(ctx.retry, retry);
  const idempotent = isIdempotent(def, body);
  const url = ctx.baseUrl + encodePathParams(def.path, params?.path);
  let retriesSoFar = 0;
  let forceRefresh = false;
  let refreshed = false;

  for (let attemptNo = 1; ; attemptNo++) {
    signal?.throwIfAborted();

    // 2. Credentials chosen by the operation's security requirement (none for create-conversation).
    const authorization = await authorizationFor(def.auth, ctx.auth, forceRefresh);
    forceRefresh = false;
    const sendHeaders = authorization ? { ...headers, Authorization: authorization } : headers;

    // 3. One attempt, with its own timeout budget.
    const started = Date.now();
    let attempt: Attempt;
    try {
      attempt = await sendOnce(ctx, def, { params, body, headers: sendHeaders, signal, timeout, url });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      log(ctx, def, url, attemptNo, started, undefined, undefined, err, body);
      // A lost answer may hide a processed request: only operations safe to repeat are retried.
      const decision = decideRetry({ retriesSoFar, status: undefined, idempotent, retryAfter: null, now: Date.now(), random: Math.random() }, policy);
      if (!decision.retry) throw err;
      await sleep(decision.delayMs, signal);
      retriesSoFar++;
      continue;
    }
    const { response } = attempt;
    const failure = response.ok ? vendorFailure(attempt.data) : undefined;
    log(ctx, def, url, attemptNo, started, response, attempt.data ?? attempt.error, undefined, body);

    // 4. Success: resolve to the body (undefined for 204), after the optional response check.
    if (response.ok && !failure) {
      if (ctx.validate === 'strict' && def.successBody) await checkResponse(ctx, def, attempt.data);
      return attempt.data;
    }

    const secrets = secretsOf(ctx);
    const error = ApiError.from({ status: response.status, method: def.method, url, body: scrubDeep(failure ?? attempt.error, secrets), headers: response.headers });
    error.message = scrub(error.message, secrets);

    // 5. An expired token: ask for a new one and resend once; this is not a retry.
    if (response.status === 401 && !refreshed && canRefresh(def.auth, ctx.auth)) {
      refreshed = true;
      forceRefresh = true;
      continue;
    }

    // 6. Retry what is safe to retry (429 always; 502/503/504 only when idempotent), else throw.
    const decision = failure
      ? ({ retry: false } as const)
      : decideRetry({ retriesSoFar, status: response.status, idempotent, retryAfter: response.headers.get('retry-after'), now: Date.now(), random: Math.random() }, policy);
    if (!decision.retry) throw error;
    await sleep(decision.delayMs, signal);
    retriesSoFar++;
  }
}

async function sendOnce(
  ctx: ClientContext,
  def: OperationDef,
  req: { params: CallInit['params']; body: unknown; headers: Record<string, string>; signal: AbortSignal | undefined; timeout: number; url: string },
): Promise<Attempt> {
  const controller = req.timeout > 0 || req.signal ? new AbortController() : undefined;
  let timedOut = false;
  const timer = req.timeout > 0 ? setTimeout(() => { timedOut = true; controller!.abort(); }, req.timeout) : undefined;
  const onAbort = () => controller!.abort(req.signal!.reason);
  req.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const hasBody = req.body !== undefined;
    const response = await ctx.fetch(buildUrl(ctx, def, req.params), {
      method: def.method,
      headers: hasBody ? { 'Content-Type': 'application/json', ...req.headers } : req.headers,
      body: hasBody ? JSON.stringify(req.body) : null,
      signal: controller?.signal ?? null,
      redirect: 'follow',
    });
    // The body is read inside the timeout too: a server that stalls mid-body is a timeout as well.
    return await readResponse(response);
  } catch (err) {
    if (req.signal?.aborted) throw req.signal.reason;
    if (timedOut) throw new TimeoutError(def.method, req.url, req.timeout, { cause: err });
    throw new NetworkError(def.method, req.url, { cause: err });
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * URL building is openapi-fetch's own (`createFinalURL` and its query serializer), so methods and `raw`
 * serialize identically; the request is then handed to `fetch(url, init)` directly. Skipping the WHATWG
 * `Request` and `Headers` objects openapi-fetch builds per call is where its overhead is won back.
 */
function buildUrl(ctx: ClientContext, def: OperationDef, params: CallInit['params']): string {
  return createFinalURL(def.path, { baseUrl: ctx.baseUrl, params: { path: params?.path, query: params?.query } as never, querySerializer: ctx.querySerializer, pathSerializer: encodePathParams as never });
}

/** Same reading rules as openapi-fetch: no body for 204 or an empty answer; JSON otherwise. */
async function readResponse(response: Response): Promise<Attempt> {
  if (response.status === 204 || response.headers.get('content-length') === '0') {
    await response.body?.cancel();
    return { response };
  }
  const text = await response.text();
  let parsed: unknown = text === '' ? undefined : text;
  try {
    if (text !== '') parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text (an error page from a proxy, say) */
  }
  return response.ok ? { data: parsed, response } : { error: parsed, response };
}

/** myKaarma answers some failures with `status: FAILURE`; that is an error, whatever the HTTP status. */
function vendorFailure(data: unknown): unknown {
  return data && typeof data === 'object' && (data as { status?: unknown }).status === 'FAILURE' ? data : undefined;
}

async function checkResponse(ctx: ClientContext, def: OperationDef, data: unknown): Promise<void> {
  ctx.responseValidators ??= ctx.loadResponseValidators();
  const validator = (await ctx.responseValidators)[`${def.id}Response`];
  if (validator && !validator(data)) throw new ValidationError(`${def.method} ${def.path}`, issuesOf(validator, 'response'), 'response');
}

function secretsOf(ctx: ClientContext): string[] {
  const a = ctx.auth;
  return [a?.accessToken, typeof a?.guestJwt === 'string' ? a.guestJwt : undefined, a?.password].filter((s): s is string => typeof s === 'string');
}

function log(ctx: ClientContext, def: OperationDef, url: string, attempt: number, started: number, response: Response | undefined, responseBody: unknown, err: unknown, requestBody: unknown): void {
  if (!ctx.logger) return;
  const body = responseBody && typeof responseBody === 'object' ? (responseBody as Record<string, unknown>) : {};
  const correlationId = response?.headers.get('inin-correlation-id') ?? (typeof body.contextId === 'string' ? body.contextId : undefined) ?? (typeof body.requestUuid === 'string' ? body.requestUuid : undefined);
  ctx.logger({
    operationId: def.id,
    method: def.method,
    url,
    status: response?.status,
    durationMs: Date.now() - started,
    attempt,
    correlationId: correlationId ?? undefined,
    ...(err ? { error: scrub(`${(err as Error).name}: ${(err as Error).message}`, secretsOf(ctx)) } : {}),
    ...(ctx.logBodies ? { requestBody: scrubDeep(requestBody, secretsOf(ctx)), responseBody: scrubDeep(responseBody, secretsOf(ctx)) } : {}),
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
