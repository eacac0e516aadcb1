import { ConfigurationError } from './errors.js';
import type { RetryPolicy } from './retry.js';
import { transportFor } from './transport/fetch.js';
import type { Transport } from './transport/contract.js';

/** One line per attempt: enough to trace a call, never a credential. */
export interface RequestLogEntry {
  operationId: string;
  method: string;
  /** The URL with any secret query value redacted. */
  url: string;
  /** HTTP status; undefined when the attempt got no answer. */
  status: number | undefined;
  durationMs: number;
  /** 1 for the first try, 2 for the first retry… */
  attempt: number;
  /** `ININ-Correlation-Id`, Genesys `contextId` or myKaarma `requestUuid`. */
  correlationId: string | undefined;
  /** Error name and message, when the attempt failed. */
  error?: string;
  /** Only with `logBodies: true`. */
  requestBody?: unknown;
  responseBody?: unknown;
}

export type Logger = (entry: RequestLogEntry) => void;

/**
 * Per-call options: fields of a method's one argument, next to `params` and `body` (not a second
 * argument). Each overrides the client's option of the same name for this call only.
 *
 * @example
 * await bot.sendBotMessage({
 *   params: { path: { departmentUUID, userUUID } },
 *   body: { messageAttributes: { body: 'Hi', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'Assistant' } },
 *   timeout: 10_000,
 *   signal: AbortSignal.timeout(30_000),
 *   headers: { 'X-Trace': 'abc' },
 * });
 */
export interface CallOptions {
  /** Aborts the call, including a pending retry wait; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds; each retry gets a fresh budget; 0 turns it off. */
  timeout?: number;
  /** Retry policy overrides, or `false` for no retries. */
  retry?: Partial<RetryPolicy> | false;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
}

/** Options shared by the three client factories. Defaults are resolved in {@link resolveCommon}. */
export interface CommonClientOptions<Auth> {
  /** Base URL (for example a mock server's); overrides `region`. */
  baseUrl?: string;
  /** Credentials; see each factory. */
  auth?: Auth;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Headers sent with every request. @default {} */
  headers?: Record<string, string>;
  /** Per-attempt timeout in milliseconds; 0 turns it off. @default 30000 */
  timeout?: number;
  /** Retry policy overrides, or `false` for none. @default { maxRetries: 2 } (see RetryPolicy) */
  retry?: Partial<RetryPolicy> | false;
  /** Check requests against the spec before sending (`true`), also check responses (`'strict'`), or neither (`false`). @default true */
  validate?: boolean | 'strict';
  /** Called once per attempt. @default undefined */
  logger?: Logger;
  /** Include request and response bodies in log entries. @default false */
  logBodies?: boolean;
}

export interface ResolvedCommon<Auth> {
  baseUrl: string;
  auth: Auth | undefined;
  fetch: typeof fetch;
  /** What the methods send with: `fetch`'s own transport when it carries one (nodeFetch), else `fetch` adapted. */
  transport: Transport;
  headers: Record<string, string>;
  timeout: number;
  retry: Partial<RetryPolicy> | false | undefined;
  validate: boolean | 'strict';
  logger: Logger | undefined;
  logBodies: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function resolveCommon<Auth>(options: CommonClientOptions<Auth>, defaultBaseUrl: string): ResolvedCommon<Auth> {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');
  // Bound so a detached reference to the global fetch keeps working in browsers.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    baseUrl,
    auth: options.auth,
    fetch: fetchImpl,
    transport: transportFor(fetchImpl),
    headers: { ...options.headers },
    timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
    retry: options.retry,
    validate: options.validate ?? true,
    logger: options.logger,
    logBodies: options.logBodies ?? false,
  };
}

/** Genesys region domains (the spec's `domain` server variable). */
export type GenesysRegion =
  | 'mypurecloud.com' | 'mypurecloud.ie' | 'mypurecloud.com.au' | 'mypurecloud.jp' | 'mypurecloud.de'
  | 'usw2.pure.cloud' | 'cac1.pure.cloud' | 'apne2.pure.cloud' | 'euw2.pure.cloud' | 'aps1.pure.cloud'
  | 'use2.us-gov-pure.cloud' | 'sae1.pure.cloud' | 'mec1.pure.cloud' | 'apne3.pure.cloud' | 'euc2.pure.cloud'
  | 'mxc1.pure.cloud' | 'apse1.pure.cloud' | 'edee1.eusc-pure.cloud';

export function genesysBaseUrl(region: GenesysRegion | undefined, allowed: readonly string[]): string {
  const domain = region ?? 'mypurecloud.com';
  if (!allowed.includes(domain)) throw new ConfigurationError(`unknown Genesys region "${domain}"; one of: ${allowed.join(', ')}`);
  return `https://api.${domain}`;
}
