/**
 * What an adapter hands the mock's core and what it gets back: a request and an answer as plain
 * records, so the core needs neither sockets nor a particular Request class. The node:http server
 * (server.ts) fills one from an `IncomingMessage` without building WHATWG objects (the hot path);
 * `mock.fetch` and the MSW handlers fill one from a WHATWG `Request` (fetch.ts).
 */

export interface MockExchange {
  /** Upper case. */
  readonly method: string;
  /** The request target: path and query, still percent-encoded (`/api/v2/…?pageSize=5`). */
  readonly target: string;
  /** A request header by lower-case name; several values joined by `, `. */
  header(name: string): string | undefined;
  /** Whether a body follows (a Content-Length above 0, or chunked). */
  readonly hasBody: boolean;
  /** Reads the whole body; rejects with `BodyTooLarge` past `limit` bytes (declared or received). */
  readBody(limit: number): Promise<Uint8Array>;
  /** An HTTP/1.1 request without `Host` (only a socket can carry one). */
  readonly hostMissing?: boolean;
}

/** The core's answer: a response to write, or a dropped connection (a `drop` fault). */
export type MockAnswer =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Record<string, string>; readonly body?: string }
  | { readonly kind: 'drop' };
