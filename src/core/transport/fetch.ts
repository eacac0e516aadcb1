/** The WHATWG adapter: any `fetch` (the platform's, a user's, a test's) as a {@link Transport}. */
import { DeadlineExceeded, TRANSPORT, type FetchWithTransport, type Transport, type TransportRequest } from './contract.js';

/** The transport for a fetch: its own faster one when it carries one (nodeFetch), else the adapter. */
export function transportFor(fetchImpl: typeof fetch): Transport {
  return (fetchImpl as FetchWithTransport)[TRANSPORT] ?? fetchTransport(fetchImpl);
}

export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async (req: TransportRequest) => {
    const needsController = req.timeoutMs > 0 || req.signal !== undefined;
    const controller = needsController ? new AbortController() : undefined;
    let timedOut = false;
    const timer = req.timeoutMs > 0 ? setTimeout(() => ((timedOut = true), controller!.abort()), req.timeoutMs) : undefined;
    const onAbort = () => controller!.abort(req.signal!.reason);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await fetchImpl(req.url, { method: req.method, headers: req.headers, body: (req.body ?? null) as BodyInit | null, signal: controller?.signal ?? null, redirect: 'follow' });
      // Same reading rule as openapi-fetch: no body for 204 or an empty answer.
      if (response.status === 204 || response.headers.get('content-length') === '0') {
        await response.body?.cancel();
        return { status: response.status, headers: response.headers, text: '' };
      }
      // Read inside the budget too: a server that stalls mid-body times out as well.
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (err) {
      if (req.signal?.aborted) throw req.signal.reason;
      if (timedOut) throw new DeadlineExceeded(`no answer within ${req.timeoutMs} ms`, { cause: err });
      throw err;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  };
}
