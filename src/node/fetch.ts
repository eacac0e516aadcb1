/**
 * A `fetch` for Node built on node:http/https with keep-alive agents. Node's built-in fetch (undici)
 * spends most of a small API call building WHATWG objects; this path is several times cheaper per call
 * (see `npm run bench -- client`). It covers what the clients use: method, headers, a string or bytes
 * body, `signal`. Redirects are not followed (these APIs do not redirect) and bodies are not decompressed
 * (no Accept-Encoding is sent).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface NodeFetchOptions {
  /** Open sockets per host. @default 64 */
  maxSockets?: number;
}

/**
 * @example
 * import { createTextbotsClient } from 'bot-apis/textbots'; // in Node this already uses nodeFetch
 * import { createNodeFetch } from 'bot-apis/node';
 * const textbots = createTextbotsClient({ fetch: createNodeFetch({ maxSockets: 16 }), auth: { accessToken } });
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);

  return (async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (typeof input !== 'string' && !(input instanceof URL)) return globalThis.fetch(input, init);
    const url = new URL(input);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') throw new TypeError(`unsupported protocol ${url.protocol}`);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const headers = toHeaderObject(init.headers);
    const body = toBody(init.body);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));

    return new Promise<Response>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, { method: init.method ?? 'GET', headers, agent: secure ? https : http }, (res) => {
        readAll(res).then((bytes) => resolve(toResponse(res, bytes)), fail);
      });
      const onAbort = () => {
        req.destroy();
        reject(signal!.reason);
      };
      function fail(err: unknown) {
        signal?.removeEventListener('abort', onAbort);
        reject(new TypeError('fetch failed', { cause: err }));
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);
      req.on('close', () => signal?.removeEventListener('abort', onAbort));
      req.end(body);
    });
  }) as typeof fetch;
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

function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('response aborted')));
  });
}

function toResponse(res: IncomingMessage, bytes: Buffer): Response {
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  const status = res.statusCode ?? 0;
  const nullBody = status === 204 || status === 205 || status === 304;
  return new Response(nullBody ? null : (bytes as unknown as BodyInit), { status, statusText: res.statusMessage ?? '', headers });
}
