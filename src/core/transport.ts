/**
 * The request object openapi-fetch builds, made cheap. openapi-fetch constructs a WHATWG `Request`
 * per call and the platform fetch then copies it into another one; that double construction is most
 * of its overhead. It lets a client supply its own `Request` class and `fetch`, so we hand it a plain
 * holder and pass the parts straight to `fetch(url, init)`.
 */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null | undefined;
  readonly signal: AbortSignal | undefined;
  readonly redirect: RequestRedirect | undefined;

  constructor(url: string, init: RequestInit & { headers: Headers }) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers;
    this.body = init.body;
    this.signal = init.signal ?? undefined;
    this.redirect = init.redirect;
  }
}

/** The `fetch` openapi-fetch calls with a {@link LightRequest}: unpacks it for the real fetch. */
export function lightFetch(platformFetch: typeof fetch): (request: LightRequest) => Promise<Response> {
  return (request) =>
    platformFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal: request.signal ?? null,
      redirect: request.redirect ?? 'follow',
    });
}

/** Path parameters percent-encoded (dot segments are refused earlier, in validate.ts). */
export function encodePathParams(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{([^{}]+)\}/g, (_m, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}
