/**
 * Secrets never leave through an error, a log line or `toString()`. These helpers are the one place
 * that decides what counts as a secret.
 */
import type { HeaderBag } from './transport/contract.js';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token']);
const SECRET_QUERY = /^(access_token|token|jwt|password|client_secret|secret|api_key|apikey|code)$/i;

export const REDACTED = '[redacted]';

/**
 * Headers as a plain object, with credential-bearing ones replaced by `[redacted]`; `scrubValue`
 * removes secrets known by value from the others (a token echoed in a custom header).
 */
export function redactHeaders(headers: HeaderBag | Record<string, string> | undefined, scrubValue: (value: string) => string = (v) => v): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const put = (value: string, name: string) => {
    out[name.toLowerCase()] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : scrubValue(value);
  };
  if (typeof headers.forEach === 'function' && typeof headers.get === 'function') (headers as HeaderBag).forEach(put);
  else for (const [name, value] of Object.entries(headers)) put(value as string, name);
  return out;
}

/** A URL with credentials in user-info or secret-looking query parameters replaced. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.username || parsed.password) {
    parsed.username = parsed.password ? 'redacted' : '';
    parsed.password = '';
    changed = true;
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY.test(key)) {
      parsed.searchParams.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}
