/**
 * Retry policy as data, and the timing as a pure function of it. Nothing here sleeps or sends.
 * Which answers are retried follows what a repeat can do: a 429 means the request was not processed,
 * so it is always safe; a 502/503/504 or a lost connection may hide a processed request, so those are
 * retried only for operations a repeat cannot harm (never `sendBotMessage`, which would text twice).
 */
import { parseRetryAfter } from './retry-after.js';

export { parseRetryAfter };

export interface RetryPolicy {
  /** Retries after the first attempt. @default 2 */
  maxRetries: number;
  /** First backoff step; doubles each retry, with full jitter. @default 300 */
  baseDelayMs: number;
  /** Upper bound of one backoff wait. @default 5000 */
  maxDelayMs: number;
  /** Longest `Retry-After` honoured; a longer one is not waited out, the 429 is thrown. @default 60000 */
  maxRetryAfterMs: number;
  /** Statuses retried for every operation (the server did not process the request). @default [429] */
  alwaysRetryStatuses: readonly number[];
  /** Statuses retried only for operations safe to repeat. @default [502, 503, 504] */
  idempotentRetryStatuses: readonly number[];
  /** Retry network failures and timeouts of operations safe to repeat. @default true */
  retryNetworkErrors: boolean;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  baseDelayMs: 300,
  maxDelayMs: 5000,
  maxRetryAfterMs: 60_000,
  alwaysRetryStatuses: [429],
  idempotentRetryStatuses: [502, 503, 504],
  retryNetworkErrors: true,
});

export interface AttemptOutcome {
  /** Retries already made (0 after the first attempt). */
  retriesSoFar: number;
  /** HTTP status, or undefined for a network failure or timeout. */
  status: number | undefined;
  /** Whether repeating this request is safe. */
  idempotent: boolean;
  /** The `Retry-After` header, if any. */
  retryAfter: string | null;
  /** Current time in ms (for an HTTP-date `Retry-After`). */
  now: number;
  /** A number in [0, 1) for the jitter. */
  random: number;
}

export type RetryDecision = { retry: false; reason: string } | { retry: true; delayMs: number };


/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^n)]. */
export function backoffDelay(retriesSoFar: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retriesSoFar);
  return Math.round(ceiling * random);
}

export function decideRetry(outcome: AttemptOutcome, policy: RetryPolicy): RetryDecision {
  if (outcome.retriesSoFar >= policy.maxRetries) return { retry: false, reason: 'retries exhausted' };
  const { status } = outcome;
  if (status === undefined) {
    if (!policy.retryNetworkErrors) return { retry: false, reason: 'network retries off' };
    if (!outcome.idempotent) return { retry: false, reason: 'not safe to repeat' };
    return { retry: true, delayMs: backoffDelay(outcome.retriesSoFar, policy, outcome.random) };
  }
  const always = policy.alwaysRetryStatuses.includes(status);
  if (!always && !policy.idempotentRetryStatuses.includes(status)) return { retry: false, reason: `status ${status} is not retried` };
  if (!always && !outcome.idempotent) return { retry: false, reason: 'not safe to repeat' };
  const retryAfter = parseRetryAfter(outcome.retryAfter, outcome.now);
  if (retryAfter !== undefined) {
    if (retryAfter > policy.maxRetryAfterMs) return { retry: false, reason: `Retry-After ${retryAfter} ms is over the cap` };
    return { retry: true, delayMs: retryAfter };
  }
  return { retry: true, delayMs: backoffDelay(outcome.retriesSoFar, policy, outcome.random) };
}

/** Client policy, then per-call overrides; `false` turns retries off. */
export function resolveRetryPolicy(...layers: Array<Partial<RetryPolicy> | false | undefined>): RetryPolicy {
  let policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
  for (const layer of layers) {
    if (layer === false) policy = { ...policy, maxRetries: 0 };
    else if (layer) policy = { ...policy, ...layer };
  }
  return policy;
}
