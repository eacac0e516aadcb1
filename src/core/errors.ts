import { redactHeaders, redactUrl } from './redact.js';
import { parseRetryAfter } from './retry-after.js';
import { SecretRegistry } from './secrets.js';
import type { HeaderBag } from './transport/contract.js';

/**
 * The base of every error this package throws, so that a `catch` can tell them from others.
 * `toJSON` gives the fields a log needs (name, message and the subclass's own fields).
 *
 * @example
 * try { await bot.sendBotMessage(init); }
 * catch (error) { if (error instanceof BotApisError) report(error.toJSON()); else throw error; }
 */
export class BotApisError extends Error {
  override name = 'BotApisError';

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== 'name' && key !== 'cause') out[key] = value;
    return out;
  }
}

/** The client was set up in a way that cannot work (a missing credential, an unknown region…). */
export class ConfigurationError extends BotApisError {
  override name = 'ConfigurationError';
}

/** One failing field of a request or response. */
export interface ValidationIssue {
  /** Where, e.g. `body.postTextMessage.type` or `params.query.maxResults`. */
  path: string;
  /** What is wrong, e.g. `must be <= 100`. Never the value itself (it may be a secret). */
  message: string;
}

interface ErrorBodyLike {
  code?: unknown;
  message?: unknown;
  contextId?: unknown;
  requestUuid?: unknown;
  errors?: Array<{ errorCode?: unknown; errorDescription?: unknown; code?: unknown }>;
}

export interface ApiErrorInit {
  status: number;
  method: string;
  url: string;
  body: unknown;
  headers: HeaderBag;
  /** The client's secrets: scrubbed by value from the message, body, headers and URL. */
  secrets?: SecretRegistry | undefined;
}

/**
 * An HTTP answer that is not a success: a non-2xx status, or a myKaarma body with `status: FAILURE`.
 * `code` is the vendor's code (Genesys `code`, myKaarma `errors[0].errorCode`), `correlationId` the
 * Genesys `ININ-Correlation-Id` (or `contextId`) or the myKaarma `requestUuid`. Headers are redacted.
 *
 * @example
 * try { await textbots.postTextbotsBotsExecute({ body }); }
 * catch (e) { if (e instanceof RateLimitError) console.log(e.retryAfterMs); }
 */
export class ApiError extends BotApisError {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string | undefined;
  readonly correlationId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly headers: Record<string, string>;

  constructor(init: ApiErrorInit) {
    // Scrubbed before super(): the stack captured there repeats the message.
    // Without a client's registry (an error built by hand) the copy still cuts a hostile depth.
    const secrets = init.secrets ?? new SecretRegistry();
    const scrubText = (text: string) => secrets.scrubText(text);
    const parsed = secrets.scrubValue(init.body);
    const body = (parsed && typeof parsed === 'object' ? parsed : {}) as ErrorBodyLike;
    const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
    const code = str(body.code) ?? str(first?.errorCode) ?? str(first?.code);
    const detail = str(body.message) ?? str(first?.errorDescription);
    const url = scrubText(redactUrl(init.url));
    super(`${init.status} ${code ?? (init.status < 300 ? 'failure' : 'error')}: ${init.method} ${url}${detail ? ` (${detail})` : ''}`);
    this.status = init.status;
    this.code = code;
    const correlationId = init.headers.get('inin-correlation-id') ?? str(body.contextId) ?? str(body.requestUuid);
    this.correlationId = correlationId === undefined || correlationId === null ? undefined : scrubText(correlationId);
    this.method = init.method;
    this.url = url;
    this.body = parsed;
    this.headers = redactHeaders(init.headers, scrubText);
  }

  /** The subclass for the status family. */
  static from(init: ApiErrorInit): ApiError {
    switch (init.status) {
      case 400: return new BadRequestError(init);
      case 401: return new AuthenticationError(init);
      case 403: return new PermissionDeniedError(init);
      case 404: return new NotFoundError(init);
      case 409: return new ConflictError(init);
      case 429: return new RateLimitError(init);
      default: return init.status >= 500 ? new ServerError(init) : new ApiError(init);
    }
  }
}

export class BadRequestError extends ApiError { override name = 'BadRequestError'; }
export class AuthenticationError extends ApiError { override name = 'AuthenticationError'; }
export class PermissionDeniedError extends ApiError { override name = 'PermissionDeniedError'; }
export class NotFoundError extends ApiError { override name = 'NotFoundError'; }
export class ConflictError extends ApiError { override name = 'ConflictError'; }
export class ServerError extends ApiError { override name = 'ServerError'; }
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  /** The server's `Retry-After` (seconds or an HTTP date) in milliseconds from now, never negative; undefined when absent or unreadable. */
  readonly retryAfterMs: number | undefined;
  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfterMs = parseRetryAfter(init.headers.get('retry-after'), Date.now());
  }
}

/**
 * The request never got an HTTP answer (DNS, refused, reset…). `cause` is the platform's error; the
 * message names the cause's `code` (e.g. `ECONNRESET`) rather than repeating its text.
 */
export class NetworkError extends BotApisError {
  override name = 'NetworkError';
  readonly method: string;
  readonly url: string;
  constructor(method: string, url: string, options: { cause: unknown; secrets?: SecretRegistry | undefined }) {
    const safeUrl = scrubWith(options.secrets, redactUrl(url));
    const reason = causeReason(options.cause);
    super(`network error: ${method} ${safeUrl}${reason ? ` (${scrubWith(options.secrets, reason)})` : ''}`, { cause: options.cause });
    this.method = method;
    this.url = safeUrl;
  }
}

/** An attempt (or the token request it waited for) took longer than its `timeout`. */
export class TimeoutError extends BotApisError {
  override name = 'TimeoutError';
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;
  constructor(method: string, url: string, timeoutMs: number, options?: { cause?: unknown; secrets?: SecretRegistry | undefined }) {
    const safeUrl = scrubWith(options?.secrets, redactUrl(url));
    super(`timed out after ${timeoutMs} ms: ${method} ${safeUrl}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.method = method;
    this.url = safeUrl;
    this.timeoutMs = timeoutMs;
  }
}

/** A request refused before sending (or, with `validate: 'strict'`, a response that breaks the spec). */
export class ValidationError extends BotApisError {
  override name = 'ValidationError';
  constructor(readonly target: string, readonly issues: readonly ValidationIssue[], readonly kind: 'request' | 'response', options?: { cause?: unknown }) {
    super(`invalid ${kind} for ${target}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, options);
  }
}

function scrubWith(secrets: SecretRegistry | undefined, text: string): string {
  return secrets ? secrets.scrubText(text) : text;
}

/** The platform error's code and message, following `cause` one level (undici nests the socket error). */
function causeReason(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  const inner = cause.cause instanceof Error ? cause.cause : undefined;
  const code = (inner as { code?: unknown } | undefined)?.code ?? (cause as { code?: unknown }).code;
  const text = inner ? `${cause.message}: ${inner.message}` : cause.message;
  return typeof code === 'string' && !text.includes(code) ? `${code} ${text}` : text;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The guest chat event stream could not be opened (or reopened within its reconnect budget). Never holds the JWT. */
export class EventStreamError extends BotApisError {
  override name = 'EventStreamError';
}
