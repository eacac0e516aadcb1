/**
 * `nodeFetch`: the Node transport (transport.ts) behind the `fetch` signature, for the clients' `fetch`
 * option and for `raw`. The clients see the transport it carries and call that directly, skipping the
 * WHATWG objects; other callers get a regular `Response`. It covers what the clients use: method,
 * headers, a string, bytes or URLSearchParams body, `signal`. Redirects are returned, not followed.
 */
import { TRANSPORT, type FetchWithTransport } from '../core/transport/contract.js';
import { createNodeTransport, type NodeTransportOptions } from './transport.js';

export type NodeFetchOptions = NodeTransportOptions;

/**
 * @example
 * import { createTextbotsClient, createNodeFetch } from 'bot-apis'; // under Node
 * const textbots = createTextbotsClient({ fetch: createNodeFetch({ maxSockets: 16 }), auth: { accessToken: process.env.GENESYS_TOKEN! } });
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  const transport = createNodeTransport(options);
  const nodeFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (typeof input !== 'string' && !(input instanceof URL)) return globalThis.fetch(input, init);
    const signal = init.signal ?? undefined;
    let answer;
    try {
      answer = await transport({ method: init.method ?? 'GET', url: String(input), headers: toHeaderObject(init.headers), body: toBody(init.body), signal, timeoutMs: 0 });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: err });
    }
    const headers = new Headers();
    answer.headers.forEach((value, name) => headers.append(name, value));
    const nullBody = answer.status === 204 || answer.status === 205 || answer.status === 304;
    return new Response(nullBody ? null : answer.text, { status: answer.status, headers });
  };
  return Object.assign(nodeFetch, { [TRANSPORT]: transport }) as FetchWithTransport;
}

/** The default instance the Node entry points use. */
export const nodeFetch: typeof fetch = createNodeFetch();

function toHeaderObject(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? headers.entries() : Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [k, v] of entries) out[k.toLowerCase()] = String(v);
  return out;
}

function toBody(body: BodyInit | null | undefined): string | Uint8Array | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('nodeFetch sends string, bytes or URLSearchParams bodies');
}
