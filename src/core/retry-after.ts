/**
 * `Retry-After` (RFC 9110 §10.2.3): delta seconds or an HTTP date. The one parser for both the retry
 * timing and `RateLimitError.retryAfterMs`, so the two can never disagree.
 */

const DELTA_SECONDS = /^[+-]?\d+(\.\d+)?$/;

/**
 * Milliseconds from `now` until the server wants the next request; never negative (a past date or a
 * negative delta means "now"); undefined when the header is absent or unreadable.
 *
 * @example
 * parseRetryAfter('5', Date.now()) // 5000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.now()) // ms until then, or 0
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DELTA_SECONDS.test(text)) return Math.max(0, Math.round(Number(text) * 1000));
  // Only an HTTP date (it names a weekday or month); Date.parse alone would read "12" as a year.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
