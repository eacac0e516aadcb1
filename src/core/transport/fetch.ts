/** The WHATWG adapter: any `fetch` (the platform's, a user's, a test's) as a {@link Transport}. */
import { DeadlineExceeded, TRANSPORT, type FetchWithTransport, type Transport, type TransportRequest, type TransportResponse } from './contract.js';

/** The transport for a fetch: its own faster one when it carries one (nodeFetch), else the adapter. */
export function transportFor(fetchImpl: typeof fetch): Transport {
  return (fetchImpl as FetchWithTransport)[TRANSPORT] ?? fetchTransport(fetchImpl);
}

/** Below this timeout a call keeps an exact timer of its own. */
export const SHARED_FROM_MS = 1000;
/** Calls gathered on one shared signal at most (a fetch may keep its listener on it until collected). */
export const MAX_CALLS_PER_SIGNAL = 64;

/** One signal and one timer for the calls whose deadlines fall in the same window. */
interface SharedDeadline extends AbortController {
  /** When it aborts (ms on the `performance.now()` clock): never before any joined call's deadline. */
  end: number;
  joined: number;
  /** Joined calls not finished yet; the last one out clears the timer. */
  live: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * A signal handed to `fetch` costs the fetch more than the signal itself (undici registers a listener
 * and a finalizer on it per request), so a call with only a long timeout shares its deadline signal:
 * its deadline is rounded up to a window of at most timeout/64 (under 470 ms late for 30 s), and the
 * calls in one window share it. A short timeout, or a caller's signal, gets a controller of its own.
 */
export function fetchTransport(fetchImpl: typeof fetch): Transport {
  let open: SharedDeadline | undefined;

  const share = (timeoutMs: number): SharedDeadline => {
    // The monotonic clock: a wall-clock step back must not let a later call join a window that ends too soon.
    const now = performance.now();
    const width = 2 ** Math.floor(Math.log2(timeoutMs / 64));
    const end = Math.ceil((now + timeoutMs) / width) * width;
    if (!open || open.end !== end || open.joined >= MAX_CALLS_PER_SIGNAL) {
      const fresh: SharedDeadline = (open = Object.assign(new AbortController(), { end, joined: 0, live: 0 }));
      fresh.timer = setTimeout(() => {
        if (open === fresh) open = undefined;
        fresh.abort();
      }, end - now);
    }
    open.joined++;
    open.live++;
    return open;
  };

  return async (req: TransportRequest) => {
    const { timeoutMs, signal } = req;
    let shared: SharedDeadline | undefined;
    let controller: AbortController | undefined;
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => controller!.abort(signal!.reason);
    if (!signal && timeoutMs >= SHARED_FROM_MS) shared = share(timeoutMs);
    else if (timeoutMs > 0) {
      controller = new AbortController();
      timer = setTimeout(() => ((timedOut = true), controller!.abort()), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    }
    try {
      const response = await fetchImpl(req.url, { method: req.method, headers: req.headers, body: (req.body ?? null) as BodyInit | null, signal: (shared ?? controller)?.signal ?? signal ?? null, redirect: 'follow' });
      return await readAnswer(response);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut || shared?.signal.aborted) throw new DeadlineExceeded(`no answer within ${timeoutMs} ms`, { cause: err });
      throw err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (shared && !--shared.live) {
        clearTimeout(shared.timer);
        if (open === shared) open = undefined;
      }
    }
  };
}

/**
 * The whole answer, read inside the budget too: a server that stalls mid-body times out as well. A 204
 * or an empty body reads as '' (the pipeline takes that as "no body").
 */
async function readAnswer(response: Response): Promise<TransportResponse> {
  return { status: response.status, headers: response.headers, text: await response.text() };
}
