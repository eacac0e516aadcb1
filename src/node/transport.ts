/**
 * The Node transport: node:http/https with keep-alive agents, a plain record in and out. Per call it
 * builds no WHATWG `Response`, stream or `AbortController`: one timer for the budget, one abort
 * listener only when the caller gave a signal. Redirects are not followed (these APIs do not
 * redirect; a 3xx is returned as it is) and bodies are not decompressed (no Accept-Encoding is sent).
 * node:https (with TLS and crypto, a few milliseconds to load) is loaded on the first https: request,
 * so a process that only talks plain HTTP (a mock, a local proxy) never pays for it.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import { DeadlineExceeded, type HeaderBag, type Transport, type TransportRequest, type TransportResponse } from '../core/transport/contract.js';

export interface NodeTransportOptions {
  /** Open sockets per host. @default 64 */
  maxSockets?: number;
}

export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const agents: Agents = { http: new HttpAgent(agentOptions), https: undefined };
  const httpsAgent = () => (agents.https ??= new (loadHttps().Agent)(agentOptions));
  return (req) => send(req, agents, httpsAgent);
}

type Agents = { http: HttpAgent; https: Https.Agent | undefined };

/** node:https, loaded on first use (synchronously: the request is built in the same turn). */
function loadHttps(): typeof Https {
  return process.getBuiltinModule('node:https');
}

function send(req: TransportRequest, agents: Agents, httpsAgent: () => Https.Agent): Promise<TransportResponse> {
  const secure = req.url.startsWith('https:');
  if (!secure && !req.url.startsWith('http:')) return Promise.reject(new TypeError(`unsupported protocol in ${req.url}`));
  req.signal?.throwIfAborted();
  const headers = req.headers;
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise<TransportResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, response?: TransportResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (response) resolve(response);
      else reject(error);
    };
    const request = (secure ? loadHttps().request : httpRequest)(req.url, { method: req.method, headers, agent: secure ? httpsAgent() : agents.http }, (res) => {
      readText(res).then((text) => finish(undefined, { status: res.statusCode ?? 0, headers: new NodeHeaders(res.headers), text }), (err: unknown) => finish(err));
    });
    const timer = req.timeoutMs > 0 ? setTimeout(() => fail(new DeadlineExceeded(`no answer within ${req.timeoutMs} ms`)), req.timeoutMs) : undefined;
    const onAbort = () => fail(req.signal!.reason);
    function fail(error: unknown) {
      finish(error);
      request.destroy();
    }
    req.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (err) => finish(err));
    request.end(req.body);
  });
}

function readText(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(chunks.length === 0 ? '' : chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('the response was cut short')));
  });
}

/** node:http's header object (lower-case names) seen as a {@link HeaderBag}. */
export class NodeHeaders implements HeaderBag {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const name of Object.keys(this.raw)) callback(this.get(name)!, name);
  }
}
