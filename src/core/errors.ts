import { redactHeaders, redactUrl } from './redact.js';

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
  headers: Headers;
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
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string | undefined;
  readonly correlationId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly headers: Record<string, string>;

  constructor(init: ApiErrorInit) {
    const body = (init.body && typeof init.body === 'object' ? init.body : {}) as ErrorBodyLike;
    const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
    const code = str(body.code) ?? str(first?.errorCode) ?? str(first?.code);
    const detail = str(body.message) ?? str(first?.errorDescription);
    const url = redactUrl(init.url);
    super(`${init.status} ${code ?? (init.status < 300 ? 'failure' : 'error')}: ${init.method} ${url}${detail ? ` (${detail})` : ''}`);
    this.status = init.status;
    this.code = code;
    this.correlationId = init.headers.get('inin-correlation-id') ?? str(body.contextId) ?? str(body.requestUuid) ?? undefined;
    this.method = init.method;
    this.url = url;
    this.body = init.body;
    this.headers = redactHeaders(init.headers);
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
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;
  constructor(init: ApiErrorInit) {
    super(init);
    const header = init.headers.get('retry-after');
    const seconds = header === null ? NaN : Number(header);
    this.retryAfterMs = Number.isFinite(seconds) ? seconds * 1000 : undefined;
  }
}

/** The request never got an HTTP answer (DNS, refused, reset…). `cause` is the platform's error. */
export class NetworkError extends Error {
  override name = 'NetworkError';
  constructor(readonly method: string, readonly url: string, options: { cause: unknown }) {
    super(`network error: ${method} ${redactUrl(url)}${options.cause instanceof Error ? ` (${options.cause.message})` : ''}`, options);
    this.url = redactUrl(url);
  }
}

/** An attempt took longer than its `timeout`. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(readonly method: string, readonly url: string, readonly timeoutMs: number, options?: { cause?: unknown }) {
    super(`timed out after ${timeoutMs} ms: ${method} ${redactUrl(url)}`, options);
    this.url = redactUrl(url);
  }
}

/** A request refused before sending (or, with `validate: 'strict'`, a response that breaks the spec). */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly target: string, readonly issues: readonly ValidationIssue[], readonly kind: 'request' | 'response', options?: { cause?: unknown }) {
    super(`invalid ${kind} for ${target}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, options);
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
