/**
 * The request pipeline of every generated method, in the order things happen. It is one linear
 * function on purpose: the steps depend on each other (a 401 refresh does not use up a retry, an
 * abort must stop a pending retry wait), and reading them top to bottom is the documentation.
 */
import { authorizationFor, canRefresh, secretsOf, type BasicAuth, type GenesysAuth } from './auth.js';
import { AttemptScope } from './attempt-scope.js';
import { ApiError, BotApisError, NetworkError, TimeoutError, ValidationError } from './errors.js';
import { isIdempotent, type OperationDef } from './operation.js';
import type { CallOptions, ResolvedCommon } from './options.js';
import type { LoggedAttempt } from './request-log.js';
import { decideRetry, resolveRetryPolicy, type RetryDecision, type RetryPolicy } from './retry.js';
import type { SecretRegistry } from './secrets.js';
import { encodePathParams } from './path-params.js';
import { recordOperation } from './typed-errors.js';
import { DeadlineExceeded, type HeaderBag } from './transport/contract.js';
import { checkRequest, issuesOf, type Validator } from './validate.js';

export interface ClientContext extends ResolvedCommon<GenesysAuth & Partial<BasicAuth>> {
  /** The log writer, loaded on the first call of a client made with `logger`. */
  requestLog?: Promise<typeof import('./request-log.js')>;
  loadResponseValidators: () => Promise<Record<string, Validator | undefined>>;
  responseValidators?: Promise<Record<string, Validator | undefined>>;
  /** The client's retry policy, resolved once (a call's own `retry` is layered on top). */
  retryPolicy?: RetryPolicy;
  /** Every secret this client holds or has obtained, for redaction by value (made on first use). */
  secrets?: SecretRegistry;
}

export interface CallInit extends CallOptions {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
}

/** One answer: its status and headers, and the body parsed (JSON, else the text; undefined when empty). */
type Attempt = { status: number; ok: boolean; headers: HeaderBag; body: unknown };

export async function callOperation(ctx: ClientContext, def: OperationDef, init: CallInit = {}): Promise<unknown> {
  const { signal, retry, params, body } = init;
  const timeout = init.timeout ?? ctx.timeout;
  const headers: Record<string, string> = init.headers ? { ...ctx.headers, ...init.headers } : ctx.headers;

  // 1. Refuse bad input before anything is sent: the server sees no request at all.
  checkRequest(def, { params, body, headers }, ctx.validate !== false);

  const secrets = (ctx.secrets ??= secretsOf(ctx.auth));
  const clientPolicy = (ctx.retryPolicy ??= resolveRetryPolicy(ctx.retry));
  const policy = retry === undefined ? clientPolicy : resolveRetryPolicy(ctx.retry, retry);
  const idempotent = isIdempotent(def, body);
  const url = ctx.baseUrl + encodePathParams(def.path, params?.path);
  const search = params?.query && def.query ? def.query(params.query) : '';
  const target = search ? `${url}?${search}` : url;
  const json = body === undefined ? undefined : JSON.stringify(body);
  const log = ctx.logger ? await logWriter(ctx) : undefined;
  let retriesSoFar = 0;
  let forceRefresh = false;
  let refreshed = false;

  for (let attemptNo = 1; ; attemptNo++) {
    signal?.throwIfAborted();
    // One budget per attempt covers the token wait and the exchange: a silent login host times out too.
    const scope = new AttemptScope(timeout, signal);
    const started = Date.now();
    let sent = false;
    let attempt: Attempt;
    try {
      // 2. Credentials chosen by the operation's security requirement (none for create-conversation).
      let authorization = authorizationFor(def.auth, ctx.auth, { forceRefresh, get signal() { return scope.signal; }, fetch: ctx.fetch, secrets });
      // A static credential comes back as is: no await, no extra turn of the event loop.
      if (typeof authorization === 'object') authorization = await authorization;
      forceRefresh = false;
      // One headers object per attempt; the transport may add to it (content-length).
      const sendHeaders: Record<string, string> = json === undefined ? { ...headers } : { 'Content-Type': 'application/json', ...headers };
      if (authorization) sendHeaders.Authorization = authorization;
      // 3. One attempt: send, then read the whole body inside the same budget.
      sent = true;
      attempt = await sendOnce(ctx, def.method, target, { body: json, headers: sendHeaders, signal, timeoutMs: scope.remainingMs() });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      const error = attemptFailure(err, { timedOut: scope.timedOut || err instanceof DeadlineExceeded, sent, def, url, timeout, secrets });
      log?.({ operationId: def.id, method: def.method, url, attempt: attemptNo, started, answer: undefined, error, requestBody: body });
      // Nothing of the operation left before the token arrived, so a token failure is always safe to
      // retry; a lost answer may hide a processed request: then only operations safe to repeat are.
      const decision = retryAfterFailure(error, { retriesSoFar, idempotent: idempotent || !sent }, policy);
      if (!decision.retry) throw recordOperation(error, def.id);
      await sleep(decision.delayMs, signal);
      retriesSoFar++;
      continue;
    } finally {
      scope.close();
    }
    const failure = attempt.ok ? vendorFailure(attempt.body) : undefined;
    log?.({ operationId: def.id, method: def.method, url, attempt: attemptNo, started, answer: attempt, error: undefined, requestBody: body });

    // 4. Success: resolve to the body (undefined for 204), after the optional response check.
    if (attempt.ok && !failure) {
      if (ctx.validate === 'strict' && def.successBody) await checkResponse(ctx, def, attempt.body);
      return attempt.body;
    }

    const error = ApiError.from({ status: attempt.status, method: def.method, url, body: attempt.body, headers: attempt.headers, secrets });

    // 5. An expired token: ask for a new one and resend once; this is not a retry.
    if (attempt.status === 401 && !refreshed && canRefresh(def.auth, ctx.auth)) {
      refreshed = true;
      forceRefresh = true;
      continue;
    }

    // 6. Retry what is safe to retry (429 always; 502/503/504 only when idempotent), else throw.
    const decision = failure
      ? ({ retry: false } as const)
      : decideRetry({ retriesSoFar, status: attempt.status, idempotent, retryAfter: attempt.headers.get('retry-after'), now: Date.now(), random: Math.random() }, policy);
    if (!decision.retry) throw recordOperation(error, def.id);
    await sleep(decision.delayMs, signal);
    retriesSoFar++;
  }
}

/** What a failed attempt throws: the timeout, this package's own error, or the transport's as a NetworkError. */
function attemptFailure(err: unknown, at: { timedOut: boolean; sent: boolean; def: OperationDef; url: string; timeout: number; secrets: SecretRegistry }): unknown {
  if (at.timedOut) return new TimeoutError(at.def.method, at.url, at.timeout, { cause: err, secrets: at.secrets });
  if (err instanceof BotApisError) return err;
  // Before sending, a foreign error came from the caller's own token source: it is theirs, unchanged.
  return at.sent ? new NetworkError(at.def.method, at.url, { cause: err, secrets: at.secrets }) : err;
}

/** Retry decision for an attempt that got no usable answer (or whose token request got an error answer). */
function retryAfterFailure(error: unknown, at: { retriesSoFar: number; idempotent: boolean }, policy: RetryPolicy): RetryDecision {
  const base = { retriesSoFar: at.retriesSoFar, idempotent: at.idempotent, now: Date.now(), random: Math.random() };
  if (error instanceof NetworkError || error instanceof TimeoutError) return decideRetry({ ...base, status: undefined, retryAfter: null }, policy);
  if (error instanceof ApiError) return decideRetry({ ...base, status: error.status, retryAfter: error.headers['retry-after'] ?? null }, policy);
  return { retry: false, reason: 'not a transport failure' };
}

async function sendOnce(ctx: ClientContext, method: string, url: string, req: { body: string | undefined; headers: Record<string, string>; signal: AbortSignal | undefined; timeoutMs: number }): Promise<Attempt> {
  const answer = await ctx.transport({ method, url, headers: req.headers, body: req.body, signal: req.signal, timeoutMs: req.timeoutMs });
  return { status: answer.status, ok: answer.status >= 200 && answer.status < 300, headers: answer.headers, body: parseBody(answer.text) };
}

/** JSON when it parses; otherwise the text itself (an error page from a proxy, say); undefined when empty. */
function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
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

/** The client's `logger`, bound to its secrets and `logBodies`. */
async function logWriter(ctx: ClientContext): Promise<(at: LoggedAttempt) => void> {
  const { logAttempt } = await (ctx.requestLog ??= import('./request-log.js'));
  return (at) => logAttempt(ctx.logger!, ctx.secrets!, ctx.logBodies, at);
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
