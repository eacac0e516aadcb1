/**
 * The internal transport contract: a plain record in, a plain record out. The request pipeline needs
 * no WHATWG `Request`/`Response`/`Headers` objects, so a transport that can skip them (node:http under
 * Node) does; a user's `fetch` is wrapped by the adapter in fetch.ts.
 */

/** Response headers: `Headers` fits, and so does a thin view over node:http's header object. */
export interface HeaderBag {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

export interface TransportRequest {
  method: string;
  url: string;
  /** Made for this request: the transport may add to it (`content-length`). */
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** The caller's signal: on abort the transport rejects with `signal.reason`. */
  signal: AbortSignal | undefined;
  /** Budget for the whole exchange, body included; 0 = none. Over it the transport rejects with {@link DeadlineExceeded}. */
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  headers: HeaderBag;
  /** The whole body as text ('' when there is none). */
  text: string;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * A transport's "the budget ran out"; the pipeline turns it into a `TimeoutError` naming the call,
 * so it never reaches a user on its own.
 */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

/** Where a fetch function can carry a faster transport of its own (`nodeFetch` does). */
export const TRANSPORT = Symbol.for('bot-apis.transport');

export type FetchWithTransport = typeof fetch & { [TRANSPORT]?: Transport };
